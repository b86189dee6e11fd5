import { expect } from 'chai';
import { GraphQLError, Kind, type GraphQLFormattedError } from 'graphql';
import {
  AppError,
  ForbiddenError,
  NotFoundError,
  UnauthorizedError,
  ValidationError,
} from '../../src/errors';
import { formatError } from '../../src/graphql/errors';
import { LIMIT_CODES } from '../../src/graphql/limits';

/** What Apollo hands formatError: the formatted error and the error it came from. */
function format(error: GraphQLError): GraphQLFormattedError {
  return formatError(error.toJSON(), error);
}

const wrapped = (original: Error) =>
  new GraphQLError(original.message, { path: ['x'], originalError: original });

describe('GraphQL formatError', () => {
  it('maps the domain error kinds to codes and keeps the stable error code and details', () => {
    const bad = format(
      wrapped(new ValidationError('invalid_period', 'Not a valid period', { value: '2023-13' })),
    );
    expect(bad.extensions).to.deep.equal({
      code: 'BAD_USER_INPUT',
      errorCode: 'invalid_period',
      messages: { zh: '统计期无效', en: 'Not a valid period' },
      details: { value: '2023-13' },
    });
    expect(format(wrapped(new NotFoundError('dataset_not_found', 'none'))).extensions?.code).to.equal(
      'NOT_FOUND',
    );
    expect(format(wrapped(new UnauthorizedError('invalid_token', 'no'))).extensions?.code).to.equal(
      'UNAUTHENTICATED',
    );
    expect(format(wrapped(new ForbiddenError('not_responsible', 'no'))).extensions?.code).to.equal(
      'FORBIDDEN',
    );
    const timeout = format(wrapped(new AppError('unavailable', 'query_timeout', 'The query took too long')));
    expect(timeout.extensions).to.include({ code: 'SERVICE_UNAVAILABLE', errorCode: 'query_timeout' });
    const down = format(wrapped(new Error('ROLLBACK - Connection terminated unexpectedly')));
    expect(down.extensions).to.include({ code: 'SERVICE_UNAVAILABLE', errorCode: 'database_unavailable' });
  });

  it('unwraps errors that graphql-js and Apollo wrapped more than once', () => {
    const inner = wrapped(new ValidationError('invalid_cursor', 'bad cursor'));
    const outer = new GraphQLError('Variable "$after" got invalid value', { originalError: inner });
    expect(format(outer).extensions?.errorCode).to.equal('invalid_cursor');
  });

  it('translates database errors, and hides anything else', () => {
    const timeout = Object.assign(new Error('canceling statement due to statement timeout'), {
      code: '57014',
    });
    expect(format(wrapped(timeout)).extensions?.errorCode).to.equal('query_timeout');
    const logged: unknown[] = [];
    const log = console.error;
    console.error = (...args: unknown[]) => logged.push(args);
    let bug: GraphQLFormattedError;
    try {
      bug = format(wrapped(new TypeError("Cannot read properties of undefined (reading 'secret')")));
    } finally {
      console.error = log;
    }
    expect(logged).to.have.length(1);
    expect(bug.message).to.equal('Internal server error');
    expect(bug.extensions).to.deep.equal({ code: 'INTERNAL_SERVER_ERROR' });
    expect(bug.path).to.deep.equal(['x']);
  });

  it('keeps the limit codes that Apollo overwrote with GRAPHQL_VALIDATION_FAILED', () => {
    const rule = new GraphQLError('too deep', { extensions: { code: LIMIT_CODES.depth } });
    const apollo = new GraphQLError(rule.message, {
      originalError: rule,
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
    });
    expect(format(apollo).extensions?.code).to.equal(LIMIT_CODES.depth);
  });

  it('calls a wrong literal input value BAD_USER_INPUT, like a wrong variable', () => {
    const node = { kind: Kind.OBJECT_FIELD } as never;
    const rule = new GraphQLError('Field "nope" is not defined by type "X".', { nodes: [node] });
    const apollo = new GraphQLError(rule.message, {
      originalError: rule,
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
    });
    expect(format(apollo).extensions?.code).to.equal('BAD_USER_INPUT');
  });
});
