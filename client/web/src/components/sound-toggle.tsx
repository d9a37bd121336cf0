import { soundMutedStore } from '../state/preferences.js';
import { useStore } from '../state/store.js';

/** Sound on or off, remembered for the next visit. */
export function SoundToggle() {
  const muted = useStore(soundMutedStore);
  return (
    <button
      type="button"
      class="button button--ghost button--small"
      aria-pressed={!muted}
      data-testid="sound-toggle"
      data-muted={muted ? 'true' : 'false'}
      title={muted ? 'Sounds are off' : 'Sounds are on'}
      onClick={() => soundMutedStore.set(!muted)}
    >
      <svg class="icon" viewBox="0 0 24 24" width="18" height="18" aria-hidden="true">
        <path d="M4 9h4l5-4v14l-5-4H4z" fill="currentColor" />
        {muted ? (
          <path d="M16 9l5 6M21 9l-5 6" stroke="currentColor" stroke-width="2" stroke-linecap="round" />
        ) : (
          <path
            d="M16 8.5a5 5 0 0 1 0 7M18.5 6a8.5 8.5 0 0 1 0 12"
            stroke="currentColor"
            stroke-width="2"
            fill="none"
            stroke-linecap="round"
          />
        )}
      </svg>
      <span class="sr-only">{muted ? 'Turn sounds on' : 'Turn sounds off'}</span>
    </button>
  );
}
