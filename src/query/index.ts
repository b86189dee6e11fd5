export * from './spec';
export * from './limits';
export * from './release-scope';
export * from './row-plan';
export * from './rows.service';
export * from './aggregate.service';
export { servableFields } from './compile-filters';
export { applyOrder } from './order';
export * from './rows-stream';
