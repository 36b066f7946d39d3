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

  it('takes 429s from three conversations within 2 s, a tenth of the answers, as the tenant limit', () => {
    const clock = rateAt(48);
    // A whole second heard: 21 answers, of which the first leaves the last second when the 429s come.
    clock.answers(21, 525);
    clock.advance(475);

    const signals = clock.answers(4, 40, 4);

    expect(signals).toEqual([false, false, true, false]);
    // 90% of what got through in the last second: the 20 answered, not the refused.
    expect(clock.rate.rate).toBeCloseTo(18, 1);
    expect(clock.rate.decreases).toBe(1);
  });

  it('lowers a rate it has heard for less than a second by a tenth of itself', () => {
    const clock = rateAt(48);
    clock.answers(20, 500);

    clock.answers(3, 30, 3);

    expect(clock.rate.rate).toBeCloseTo(43.2, 1);
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

  it('climbs back by a tenth of a send a second, up to the configured rate', () => {
    const clock = rateAt(48);
    clock.answers(20, 500);
    clock.answers(3, 30, 3);
    const dropped = clock.rate.rate;

    clock.advance(10_000);
    expect(clock.rate.rate).toBeCloseTo(dropped + 1, 5);
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
