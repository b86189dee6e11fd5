export * from './app-error';
export { MESSAGES_ZH, messageZh, type ErrorCode } from './messages-zh';
