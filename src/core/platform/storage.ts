/**
 * Persistence seam. Identity and keyring take any store with this shape; the default is a
 * localforage (IndexedDB) instance, loaded on first use so that importing the core costs nothing
 * and the same modules run in Node with another store.
 */
export interface KeyValueStore {
  getItem<T>(key: string): Promise<T | null>;
  setItem<T>(key: string, value: T): Promise<T>;
  removeItem(key: string): Promise<void>;
  keys(): Promise<string[]>;
}

/** The IndexedDB store `peerkit/<storeName>`, created through localforage. */
export async function browserStore(storeName: string, name = 'peerkit'): Promise<KeyValueStore> {
  const { default: localforage } = await import('localforage');
  const store = localforage.createInstance({ name, storeName, driver: localforage.INDEXEDDB });
  await store.ready();
  return store;
}

/** A store that lives as long as the page: for tests, previews and throwaway identities. */
export function memoryStore(): KeyValueStore {
  const items = new Map<string, unknown>();
  return {
    getItem: <T>(key: string) => Promise.resolve((items.has(key) ? structuredClone(items.get(key)) : null) as T | null),
    setItem: <T>(key: string, value: T) => {
      items.set(key, structuredClone(value));
      return Promise.resolve(value);
    },
    removeItem: (key: string) => {
      items.delete(key);
      return Promise.resolve();
    },
    keys: () => Promise.resolve([...items.keys()]),
  };
}
