import { Engine, Priority } from './engine.js';
import { rngStream } from './rng.js';

describe('Engine', () => {
  it('runs events in time order and advances the clock', () => {
    const engine = new Engine();
    const log: string[] = [];
    engine.schedule(30, () => log.push(`c@${engine.now}`));
    engine.schedule(10, () => log.push(`a@${engine.now}`));
    engine.schedule(20, () => log.push(`b@${engine.now}`));
    engine.run();
    expect(log).toEqual(['a@10', 'b@20', 'c@30']);
    expect(engine.eventsProcessed).toBe(3);
  });

  it('orders equal times by priority, then by scheduling order', () => {
    const engine = new Engine();
    const log: string[] = [];
    engine.schedule(5, () => log.push('normal-1'));
    engine.schedule(5, () => log.push('record'), { priority: Priority.record });
    engine.schedule(5, () => log.push('normal-2'));
    engine.schedule(5, () => log.push('chain'), { priority: Priority.chain });
    engine.run();
    expect(log).toEqual(['chain', 'normal-1', 'normal-2', 'record']);
  });

  it('lets handlers schedule more events, including at the current time', () => {
    const engine = new Engine();
    const log: number[] = [];
    engine.schedule(1, () => {
      log.push(engine.now);
      engine.schedule(0, () => log.push(engine.now * 10));
    });
    engine.run();
    expect(log).toEqual([1, 10]);
  });

  it('run({ until }) stops before later events and leaves the clock at until', () => {
    const engine = new Engine();
    const log: number[] = [];
    for (const t of [5, 10, 15]) engine.schedule(t, () => log.push(t));
    engine.run({ until: 10 });
    expect(log).toEqual([5, 10]);
    expect(engine.now).toBe(10);
    engine.run({ until: 12 });
    expect(engine.now).toBe(12);
    engine.run();
    expect(log).toEqual([5, 10, 15]);
  });

  it('step() runs exactly one event', () => {
    const engine = new Engine();
    let n = 0;
    engine.schedule(1, () => n++);
    engine.schedule(2, () => n++);
    expect(engine.step()).toBe(true);
    expect(n).toBe(1);
    expect(engine.step()).toBe(true);
    expect(engine.step()).toBe(false);
  });

  it('skips cancelled events', () => {
    const engine = new Engine();
    const log: string[] = [];
    const handle = engine.schedule(1, () => log.push('cancelled'));
    engine.schedule(2, () => log.push('kept'));
    handle.cancel();
    engine.run();
    expect(log).toEqual(['kept']);
    expect(engine.eventsProcessed).toBe(1);
  });

  it('refuses to schedule in the past', () => {
    const engine = new Engine();
    engine.schedule(10, () => undefined);
    engine.run();
    expect(() => engine.scheduleAt(5, () => undefined)).toThrow(RangeError);
    expect(() => engine.schedule(-1, () => undefined)).toThrow(RangeError);
  });

  it('does not swallow a failing handler', () => {
    const engine = new Engine();
    engine.schedule(1, () => {
      throw new Error('boom');
    });
    expect(() => engine.run()).toThrow('boom');
  });

  it('stop() ends run after the current event', () => {
    const engine = new Engine();
    const log: number[] = [];
    engine.schedule(1, () => {
      log.push(1);
      engine.stop();
    });
    engine.schedule(2, () => log.push(2));
    engine.run();
    expect(log).toEqual([1]);
  });
});

describe('rngStream', () => {
  const draw = (seed: number, name: string) => {
    const rng = rngStream(seed, name);
    return Array.from({ length: 5 }, () => rng.next());
  };

  it('is reproducible for a (seed, name) pair', () => {
    expect(draw(7, 'chain')).toEqual(draw(7, 'chain'));
  });

  it('differs across seeds and across names', () => {
    expect(draw(7, 'chain')).not.toEqual(draw(8, 'chain'));
    expect(draw(7, 'chain')).not.toEqual(draw(7, 'alice'));
  });

  it('draws exponential values with about the requested mean', () => {
    const rng = rngStream(1, 'exp');
    let sum = 0;
    const n = 20_000;
    for (let i = 0; i < n; i++) sum += rng.exponential(600);
    expect(sum / n).toBeGreaterThan(580);
    expect(sum / n).toBeLessThan(620);
  });

  it('int(n) stays within [0, n)', () => {
    const rng = rngStream(3, 'int');
    for (let i = 0; i < 1000; i++) {
      const v = rng.int(7);
      expect(Number.isInteger(v) && v >= 0 && v < 7).toBe(true);
    }
  });
});
