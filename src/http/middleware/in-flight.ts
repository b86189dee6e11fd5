import type { RequestHandler } from 'express';
import type { EventLoopWatchdog } from '../../runtime/event-loop-watchdog';

/** Tells the watchdog which requests are in flight, so a stall is logged with their ids. */
export function inFlight(watchdog: EventLoopWatchdog): RequestHandler {
  return (req, res, next) => {
    const leave = watchdog.enter(`${String(res.locals.requestId)} ${req.method} ${req.originalUrl}`);
    res.once('close', leave);
    next();
  };
}
