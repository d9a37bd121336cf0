import { useEffect, useRef, useState } from 'preact/hooks';
import { CHAT_TEXT_MAX_CHARS } from '../../../../src/protocol/client-payloads.js';
import type { SendResult } from '../realtime/send.js';
import { chatMutedStore, toggleChatMute } from '../state/preferences.js';
import { useStore } from '../state/store.js';
import type { LogEntry } from '../table/dealer-log.js';

interface DealerLogProps {
  readonly entries: readonly LogEntry[];
  readonly ownUserId: string;
  /** Null for someone who may not chat here (not logged in as a player). */
  readonly onChat: ((text: string) => Promise<SendResult<null>>) | null;
}

/**
 * What happened at the table, newest at the bottom: every move, street, pot and winner, and the
 * table's chat in between. Chat is shown as text (never markup); a player's lines can be muted.
 */
export function DealerLog({ entries, ownUserId, onChat }: DealerLogProps) {
  const muted = useStore(chatMutedStore);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const list = useRef<HTMLOListElement>(null);
  const shown = entries.filter((entry) => entry.kind !== 'chat' || !muted.includes(entry.userId ?? ''));
  useEffect(() => {
    const element = list.current;
    if (element) element.scrollTop = element.scrollHeight;
  }, [shown.length]);
  const mutedHere = [
    ...new Set(
      entries.filter((e) => e.kind === 'chat' && muted.includes(e.userId ?? '')).map((e) => e.userId!),
    ),
  ];

  const submit = async (event: Event) => {
    event.preventDefault();
    if (!onChat || text.trim() === '') return;
    setSending(true);
    const result = await onChat(text);
    setSending(false);
    if (result.ok) {
      setText('');
      setError(null);
    } else setError(result.error.message);
  };

  return (
    <section class="log" aria-label="Dealer log and chat" data-testid="dealer-log">
      <ol class="log__entries" ref={list} aria-live="polite">
        {shown.map((entry) =>
          entry.kind === 'chat' ? (
            <li key={entry.id} class="log__entry log__entry--chat" data-testid="chat-line">
              <button
                type="button"
                class="log__who"
                title={entry.userId === ownUserId ? 'You' : `Mute ${entry.username}`}
                disabled={entry.userId === ownUserId}
                data-testid="chat-mute"
                onClick={() => toggleChatMute(entry.userId!)}
              >
                {entry.username}
              </button>
              :{' '}
              <span class="log__text" data-testid="chat-text">
                {entry.text}
              </span>
            </li>
          ) : (
            <li key={entry.id} class={`log__entry log__entry--${entry.kind}`} data-testid="log-entry">
              {entry.text}
            </li>
          ),
        )}
      </ol>
      {mutedHere.length > 0 && (
        <p class="log__muted">
          {mutedHere.length} muted ·{' '}
          <button
            type="button"
            class="link"
            data-testid="chat-unmute-all"
            onClick={() => mutedHere.forEach(toggleChatMute)}
          >
            unmute
          </button>
        </p>
      )}
      {onChat && (
        <form class="log__chat" onSubmit={submit}>
          <input
            class="input log__input"
            value={text}
            maxLength={CHAT_TEXT_MAX_CHARS}
            placeholder="Say something…"
            aria-label="Chat message"
            data-testid="chat-input"
            onInput={(event) => setText(event.currentTarget.value)}
          />
          <button
            type="submit"
            class="button button--small"
            disabled={sending || text.trim() === ''}
            data-testid="chat-send"
          >
            Send
          </button>
        </form>
      )}
      {error && (
        <p class="log__error" role="alert" data-testid="chat-error">
          {error}
        </p>
      )}
    </section>
  );
}
