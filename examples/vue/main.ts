/**
 * peerkit's elements in Vue 3. Vue sets a binding as a DOM property when the element has one
 * (`strings` here) and turns `onPeerStatusChange` into a listener for `peer-status-change`. With
 * templates, tell the compiler the tags are custom elements:
 * `compilerOptions.isCustomElement = (tag) => tag.startsWith('peer-')`.
 */
import { createApp, defineComponent, h, ref } from 'vue';
import '../../src/elements/peer-room/define.js';
import '../../src/elements/peer-list/define.js';
import '../../src/elements/peer-chat/define.js';

const App = defineComponent(() => {
  const status = ref('idle');
  return () =>
    h('main', [
      h('h1', 'peerkit in Vue'),
      h('p', { id: 'status' }, `room: ${status.value}`),
      h(
        'peer-room',
        {
          ns: 'peerkit-vue-example',
          room: 'lobby',
          onPeerStatusChange: (event: CustomEvent<{ status: string }>) => (status.value = event.detail.status),
        },
        [h('peer-list', { strings: { empty: 'Nobody here yet (Vue)' } }), h('peer-chat')],
      ),
    ]);
});

createApp(App).mount('#app');
