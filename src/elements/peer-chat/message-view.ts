/**
 * One row of `<peer-chat>`'s log: a day divider when the day changes, the unread marker, and the
 * message. Consecutive messages of one author within GROUP_GAP_MS form a group: the first shows the
 * avatar, name and time; the rest only their text, with the time of day beside them on hover or
 * focus. Pure templates: every action goes back to the element through `RowContext`.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { Check, CheckCheck, CircleAlert, Clock, SmilePlus } from 'lucide';
import type { IconNode } from 'lucide';
import { avatar } from '../blocks/avatar.js';
import { button } from '../blocks/button.js';
import { icon } from '../blocks/icon.js';
import { localDay, type Format } from '../localize/format.js';
import { isolate } from '../localize/isolate.js';
import type { DeliveryState, PeerChatStrings } from '../localize/strings.js';
import type { Bound } from '../localize/translations.js';
import type { AttachmentView, ChatAttachments } from './attachments.js';
import { GROUP_GAP_MS, type ChatEntry, type MessageRenderer } from './chat-entry.js';

/** The reactions a picker offers; any single emoji a peer sends is shown. */
export const QUICK_REACTIONS = ['👍', '❤️', '😂', '🎉', '😮', '😢'] as const;

/** Codes a retry cannot fix: the file is over this chat's limit. */
const FINAL_FAILURES: ReadonlySet<string> = new Set(['too-large']);

const STATE_ICONS: Readonly<Record<DeliveryState, IconNode>> = { queued: Clock, sent: Check, delivered: CheckCheck, failed: CircleAlert };

export interface ReactionView {
  readonly emoji: string;
  /** Who reacted, as names to show. */
  readonly names: readonly string[];
  /** This user is among them: pressing takes it back. */
  readonly mine: boolean;
}

export interface RowContext {
  readonly strings: Bound<PeerChatStrings>;
  readonly format: Format;
  /** The message that holds the log's one tab stop. */
  readonly active: boolean;
  readonly unreadMarker: boolean;
  readonly attachments: ChatAttachments | undefined;
  readonly render: MessageRenderer | undefined;
  readonly reactions: readonly ReactionView[];
  /** Reacting is possible (a room with a key). */
  readonly canReact: boolean;
  readonly pickerOpen: boolean;
  /** Names (to show) of the peers who have seen this message, for the newest own message they saw. */
  readonly seenBy: readonly string[];
  react(emoji: string, on: boolean): void;
  togglePicker(open: boolean): void;
  authorName(entry: ChatEntry): string;
}

/** Whether `entry` starts a group after `previous` (another author, another day, or a long pause). */
export function startsGroup(previous: ChatEntry | undefined, entry: ChatEntry): boolean {
  return !previous || previous.from !== entry.from || entry.time - previous.time > GROUP_GAP_MS || dayOf(previous) !== dayOf(entry);
}

/**
 * A message's time of day and full date, computed once per message and language: formatting each
 * on every re-render of the window cost milliseconds.
 */
interface FormattedTime {
  readonly format: Format;
  readonly shown: string;
  readonly full: string;
  readonly iso: string;
}

/** Each message's local day, computed once (grouping compares it for every row on every render). */
const days = new WeakMap<ChatEntry, number>();
function dayOf(entry: ChatEntry): number {
  let day = days.get(entry);
  if (day === undefined) {
    day = localDay(entry.time);
    days.set(entry, day);
  }
  return day;
}
const formattedTimes = new WeakMap<ChatEntry, FormattedTime>();
function timeOf(entry: ChatEntry, format: Format): FormattedTime {
  let formatted = formattedTimes.get(entry);
  if (formatted?.format !== format) {
    const date = new Date(entry.time);
    formatted = { format, shown: format.time(date), full: format.dateTime(date), iso: date.toISOString() };
    formattedTimes.set(entry, formatted);
  }
  return formatted;
}

export function dayDivider(time: number, format: Format): TemplateResult {
  return html`<div part="day-divider" class="day" role="separator"><span>${format.day(time)}</span></div>`;
}

function attachmentView(view: AttachmentView, attachments: ChatAttachments, strings: Bound<PeerChatStrings>, tabIndex: 0 | -1): TemplateResult {
  const { manifest, progress } = view;
  const percent = progress && progress.total > 0 ? Math.floor((progress.bytes / progress.total) * 100) : 0;
  const said = progress ? strings.transfer(progress.direction, percent) : '';
  const transfer =
    progress && percent < 100
      ? html`<span part="attachment-progress" class="progress"
          ><progress max="100" value=${percent} aria-label=${said}></progress> ${said}
          ${button({ size: 's', label: strings.cancel, part: 'attachment-cancel', tabIndex, onClick: () => attachments.cancel(view.digest) })}</span
        >`
      : nothing;
  if (view.state === 'ready' && view.url) {
    // Saving it is the user's act: from then on the file is the user's, not the author's to lose.
    const opened = () => attachments.open(view.digest);
    const label = strings.download(manifest?.name ?? '', manifest?.size ?? 0);
    return html`<figure part="attachment" class="attachment">
      ${view.previewUrl ? html`<img part="attachment-image" src=${view.previewUrl} alt=${manifest?.name ?? ''} loading="lazy" />` : nothing}
      <a part="attachment-download" href=${view.url} download=${manifest?.name || view.digest.slice(0, 16)} tabindex=${tabIndex} @click=${opened} @auxclick=${opened}>${label}</a>
      ${transfer}
    </figure>`;
  }
  if (view.state === 'failed') {
    const code = view.error ?? 'storage';
    return html`<figure part="attachment" class="attachment failed">
      <span class="error-line">${icon(CircleAlert)}<span part="attachment-error">${strings.attachmentFailed(code)}</span></span>
      ${FINAL_FAILURES.has(code) ? nothing : button({ size: 's', label: strings.retry, part: 'attachment-retry', tabIndex, onClick: () => attachments.retry(view.digest) })}
    </figure>`;
  }
  return html`<figure part="attachment" class="attachment">${transfer === nothing ? html`<span>${strings.fetching}</span>` : transfer}</figure>`;
}

function content(entry: ChatEntry, context: RowContext): unknown {
  if (context.render) return html`<div part="custom" class="custom">${context.render(entry)}</div>`;
  const tabIndex = context.active ? 0 : -1;
  const attachments = context.attachments;
  // Text above its attachments, one column beside the delivery state (side by side, a photo pushed its caption aside).
  return html`<div class="content">${entry.text ? html`<p part="text" class="text" dir="auto">${entry.text}</p>` : nothing}${entry.attachments?.length && attachments
    ? entry.attachments.map((digest) => attachmentView(attachments.view(digest, entry.own ? undefined : entry.from), attachments, context.strings, tabIndex))
    : nothing}</div>`;
}

function reactionsView(context: RowContext): unknown {
  const { strings, format } = context;
  const tabIndex = context.active ? 0 : -1;
  const chips = context.reactions.map(
    (reaction) =>
      html`<button
        type="button"
        part="reaction"
        class="reaction"
        aria-pressed=${reaction.mine ? 'true' : 'false'}
        aria-label=${strings.reaction(reaction.emoji, reaction.names.map(isolate), reaction.mine)}
        title=${format.list(reaction.names)}
        tabindex=${tabIndex}
        ?disabled=${!context.canReact}
        @click=${() => context.react(reaction.emoji, !reaction.mine)}
      ><span class="emoji">${reaction.emoji}</span> <span class="count">${format.number(reaction.names.length)}</span></button>`,
  );
  const add = context.canReact
    ? button({ variant: 'text', size: 's', iconOnly: true, icon: SmilePlus, label: strings.addReaction, title: strings.addReaction, part: 'add-reaction', className: 'add-reaction', tabIndex, onClick: () => context.togglePicker(!context.pickerOpen) })
    : nothing;
  const picker = context.pickerOpen
    ? html`<div part="reaction-picker" class="picker" role="group" aria-label=${strings.addReaction}>
        ${QUICK_REACTIONS.map((emoji) => html`<button type="button" class="pick" @click=${() => context.react(emoji, true)}>${emoji}</button>`)}
      </div>`
    : nothing;
  if (chips.length === 0 && add === nothing) return nothing;
  // "some": chips to space from the text (a class, not :has(): :has() made every arrival restyle the whole log).
  return html`<div class=${chips.length ? 'reactions some' : 'reactions'}>${chips}${add}</div>${picker}`;
}

export function messageRow(entry: ChatEntry, previous: ChatEntry | undefined, context: RowContext): TemplateResult {
  const { strings, format } = context;
  const time = timeOf(entry, format);
  const first = startsGroup(previous, entry) || context.unreadMarker;
  const newDay = !previous || dayOf(previous) !== dayOf(entry);
  const name = entry.own ? strings.you : context.authorName(entry);
  const state = entry.own && entry.state ? entry.state : undefined;
  const classes = `message${entry.own ? ' own' : ''}${first ? ' first' : ''}`;
  return html`
    ${newDay ? dayDivider(entry.time, format) : nothing}
    ${context.unreadMarker ? html`<div part="unread-marker" class="unread" role="separator"><span>${strings.unread}</span></div>` : nothing}
    <article part=${entry.own ? 'message message-own' : 'message'} class=${classes} data-id=${entry.id} tabindex=${context.active ? 0 : -1} aria-label=${first ? nothing : `${isolate(name)}, ${time.shown}`}>
      ${first && !entry.own ? avatar({ name, fingerprint: entry.from, part: 'avatar' }) : nothing}
      ${first
        ? html`<header>
            <span part="author" class="author">${name}</span>
            <peer-relative-time part="time" class="time" datetime=${entry.time}></peer-relative-time>
          </header>`
        : html`<time part="time" class="gutter-time" datetime=${time.iso} title=${time.full}>${time.shown}</time>`}
      <div class="body">
        ${content(entry, context)}
        ${state ? html`<span part="state" class="state ${state}" role="img" aria-label=${strings.state[state]} title=${strings.state[state]}>${icon(STATE_ICONS[state])}</span>` : nothing}
      </div>
      ${reactionsView(context)}
      ${context.seenBy.length ? html`<p part="seen-by" class="seen">${strings.seenBy(context.seenBy.map(isolate))}</p>` : nothing}
    </article>
  `;
}
