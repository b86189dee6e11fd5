import { EventEmitter } from 'node:events';
import { expect } from 'chai';
import { cancelOnHangUp, ReadCancel } from '../../src/db';

describe('cancelling the reads of an abandoned request', () => {
  it('tells each running read once, and a read that stopped listening not at all', () => {
    const cancel = new ReadCancel();
    const told: string[] = [];
    cancel.listen(() => told.push('page'));
    const stop = cancel.listen(() => told.push('count'));
    stop();
    cancel.abort();
    cancel.abort();
    expect(cancel.aborted).to.equal(true);
    expect(told).to.deep.equal(['page']);
  });

  it('never calls a listener added after the abort: the read checks `aborted` before it starts', () => {
    const cancel = new ReadCancel();
    cancel.abort();
    let called = false;
    cancel.listen(() => (called = true))();
    expect(called).to.equal(false);
  });

  it('fires when the client hangs up before the answer is complete, not after it was sent', () => {
    const hungUp = Object.assign(new EventEmitter(), { writableFinished: false });
    const answered = Object.assign(new EventEmitter(), { writableFinished: true });
    const a = cancelOnHangUp(hungUp);
    const b = cancelOnHangUp(answered);
    hungUp.emit('close');
    answered.emit('close');
    expect(a.aborted).to.equal(true);
    expect(b.aborted).to.equal(false);
  });
});
