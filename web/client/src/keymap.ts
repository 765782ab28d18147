import { useEffect, useRef } from 'react';

/**
 * THE keyboard table of the inbox: every shortcut, what it does, and the action it runs. Other
 * screens and features extend it by adding rows (the `?` sheet lists whatever is here); an
 * action with no handler on the current screen does nothing. `/` is left for search.
 */
export const INBOX_KEYS = [
  { keys: ['j', 'ArrowDown'], label: 'Next mention', action: 'next' },
  { keys: ['k', 'ArrowUp'], label: 'Previous mention', action: 'previous' },
  { keys: ['Enter'], label: 'Open the mention', action: 'open' },
  { keys: ['r'], label: 'Reply', action: 'reply' },
  { keys: ['a'], label: 'Assign to me', action: 'assignToMe' },
  { keys: ['e'], label: 'Close (done)', action: 'close' },
  { keys: ['i'], label: 'Ignore (spam, not for us)', action: 'ignore' },
  { keys: ['x'], label: 'Select or unselect', action: 'select' },
  { keys: ['Escape'], label: 'Back to the list', action: 'back' },
  { keys: ['?'], label: 'Show these shortcuts', action: 'help' },
] as const satisfies readonly KeyBinding[];

export interface KeyBinding {
  keys: readonly string[];
  label: string;
  action: string;
}

export type InboxAction = (typeof INBOX_KEYS)[number]['action'];

/** How a key is written on the sheet. */
export function keyLabel(key: string): string {
  return ({ ArrowDown: '↓', ArrowUp: '↑', Escape: 'Esc' } as Record<string, string>)[key] ?? key;
}

/** Keys typed into a field belong to the field, except Escape, which leaves it. */
function typingIn(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/**
 * Runs `handlers[action]` for the bindings' keys while mounted. Modified keys (Ctrl, Alt, Meta)
 * are the browser's; keys typed into a form field are the field's (Escape blurs it first).
 */
export function useKeyMap<A extends string>(bindings: readonly { keys: readonly string[]; action: A }[], handlers: Partial<Record<A, () => void>>): void {
  const latest = useRef(handlers);
  latest.current = handlers;
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.altKey || event.metaKey || event.defaultPrevented) return;
      if (typingIn(event.target)) {
        if (event.key === 'Escape' && event.target instanceof HTMLElement) event.target.blur();
        return;
      }
      // Enter on a focused button or link is that control's.
      if (event.key === 'Enter' && event.target instanceof HTMLElement && event.target.closest('button, a[href]:not([data-testid="inbox-row"])')) return;
      const binding = bindings.find((b) => b.keys.includes(event.key));
      const handler = binding ? latest.current[binding.action] : undefined;
      if (!handler) return;
      event.preventDefault();
      handler();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [bindings]);
}
