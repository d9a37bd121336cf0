import { soundMutedStore } from '../state/preferences.js';

/**
 * The sounds of the table, made with the Web Audio API (no files to load): two short tones when it
 * is your turn, one when your time bank starts. Nothing plays while muted, or before the page has
 * had a click or a key (browsers refuse sound until then).
 */

let context: AudioContext | null = null;

function audio(): AudioContext | null {
  if (soundMutedStore.get()) return null;
  try {
    context ??= new AudioContext();
    return context.state === 'running' ? context : null;
  } catch {
    return null;
  }
}

/** Browsers start audio only from a user gesture: the first click or key of the page opens it. */
export function unlockSounds(): void {
  try {
    context ??= new AudioContext();
    void context.resume();
  } catch {
    // No Web Audio: the table stays silent.
  }
}

function tone(ctx: AudioContext, frequency: number, startS: number, lengthS: number): void {
  const oscillator = ctx.createOscillator();
  const gain = ctx.createGain();
  oscillator.frequency.value = frequency;
  gain.gain.setValueAtTime(0.0001, ctx.currentTime + startS);
  gain.gain.exponentialRampToValueAtTime(0.15, ctx.currentTime + startS + 0.02);
  gain.gain.exponentialRampToValueAtTime(0.0001, ctx.currentTime + startS + lengthS);
  oscillator.connect(gain).connect(ctx.destination);
  oscillator.start(ctx.currentTime + startS);
  oscillator.stop(ctx.currentTime + startS + lengthS + 0.02);
}

export function playYourTurn(): void {
  const ctx = audio();
  if (!ctx) return;
  tone(ctx, 660, 0, 0.12);
  tone(ctx, 880, 0.14, 0.16);
}

export function playTimeBank(): void {
  const ctx = audio();
  if (ctx) tone(ctx, 440, 0, 0.25);
}
