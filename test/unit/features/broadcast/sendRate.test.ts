import { describe, expect, it } from 'vitest';
import { SendRate } from '../../../../src/features/broadcast/sendRate.js';

/** A rate on a clock the test moves by hand. */
function rateAt(ceiling: number) {
  let now = 0;
  const rate = new SendRate({ ceiling, now: () => now });
  return {
    rate,
    advance: (ms: number) => {
      now += ms;
    },
    /** `count` answers spread over the next `ms`: `throttled` of them 429s, each from its own conversation. */
    answers(count: number, ms: number, throttled = 0): boolean[] {
      const signals: boolean[] = [];
      for (let n = 0; n < count; n += 1) {
        const sentAt = now;
        now += ms / count;
        signals.push(
          rate.heard({ conversationId: `c${String(n)}`, sentAt, ok: n >= throttled, throttled: n < throttled }),
        );
      }
      return signals;
    },
  };
}

describe('the send rate of a broadcast', () => {
  it('takes a lone 429 as that message’s, not the tenant limit: the rate stays', () => {
    const clock = rateAt(48);
    clock.answers(48, 1000);

    expect(clock.answers(1, 20, 1)).toEqual([false]);
    expect(clock.rate.rate).toBe(48);
  });

  it('keeps its rate when 2% of answers are 429s, even three close together', () => {
    const clock = rateAt(48);
    clock.answers(90, 1900);

    expect(clock.answers(3, 60, 3)).toEqual([false, false, false]);
    expect(clock.rate.rate).toBe(48);
  });

  it('takes 429s from three conversations within 2 s, a fifth of the answers, as the tenant limit', () => {
    const clock = rateAt(48);
    // A whole second heard at speed: 40 answers, of which the first two leave the second before the first 429.
    clock.answers(40, 833);
    clock.advance(200);

    const signals = clock.answers(10, 100, 10);

    expect(signals).toEqual([...Array.from({ length: 9 }, () => false), true]);
    // The limit clipped the rate: 95% of the 38 that got through in the second before the first 429.
    expect(clock.rate.rate).toBeCloseTo(36.1, 1);
    expect(clock.rate.decreases).toBe(1);
  });

  it('lowers a rate it has heard for less than a second by a twentieth of itself', () => {
    const clock = rateAt(48);
    clock.answers(40, 500);

    clock.answers(10, 50, 10);

    expect(clock.rate.rate).toBeCloseTo(45.6, 1);
  });

  it('does not take 429s at the tail of a broadcast, when little is being sent, as the tenant limit', () => {
    const clock = rateAt(48);
    clock.answers(5, 1000);

    expect(clock.answers(4, 40, 4)).toEqual([false, false, false, false]);
    expect(clock.rate.rate).toBe(48);
  });

  it('does not count three 429s from one conversation as the tenant limit', () => {
    const clock = rateAt(48);
    clock.answers(10, 500);
    const sentAt = 0;

    const signals = [1, 2, 3].map(() =>
      clock.rate.heard({ conversationId: 'same', sentAt, ok: false, throttled: true }),
    );

    expect(signals).toEqual([false, false, false]);
  });

  it('climbs back slowly near the limit it heard, faster once past it, up to the configured rate', () => {
    const clock = rateAt(48);
    clock.answers(40, 833);
    clock.advance(200);
    clock.answers(10, 100, 10);
    // 38 got through in the second before the first 429: that is the limit, and the rate is 95% of it.
    expect(clock.rate.rate).toBeCloseTo(36.1, 1);

    clock.advance(50_000);
    expect(clock.rate.rate).toBeCloseTo(37.1, 1);
    // A twentieth past the limit heard (39.9) after 190 s; from there a tenth of a send a second each second.
    clock.advance(140_000);
    expect(clock.rate.rate).toBeCloseTo(39.9, 1);
    clock.advance(10_000);
    expect(clock.rate.rate).toBeCloseTo(40.9, 1);
    clock.advance(1_000_000);
    expect(clock.rate.rate).toBe(48);
  });

  it('pauses every send until the pause is over', async () => {
    const rate = new SendRate({ ceiling: 50 });
    rate.pause(300);
    const started = performance.now();

    await rate.take();
    await rate.gate();

    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
    rate.close();
  });
});
