/** The detail of the next `type` event on `target` that satisfies `where`. */
export function nextEvent<Detail>(target: EventTarget, type: string, where: (detail: Detail) => boolean = () => true): Promise<Detail> {
  return new Promise((resolve) => {
    const listener = (event: Event) => {
      const detail = (event as CustomEvent<Detail>).detail;
      if (!where(detail)) return;
      target.removeEventListener(type, listener);
      resolve(detail);
    };
    target.addEventListener(type, listener);
  });
}
