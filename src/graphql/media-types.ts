import Negotiator from 'negotiator';

// Apollo Server's choice for a single result (ApolloServer.ts, chooseContentTypeForSingleResultResponse).
const SINGLE_RESULT_TYPES = [
  'application/json; charset=utf-8',
  'application/graphql-response+json; charset=utf-8',
  'application/json; callbackSpec=1.0; charset=utf-8',
];

/**
 * The media type Apollo would answer a single result with for this Accept header, or
 * undefined where Apollo answers 406. A stored answer is sent with the type the request
 * asks for, which need not be the type it was first sent with.
 */
export function singleResultType(accept: string | undefined): string | undefined {
  if (!accept) return SINGLE_RESULT_TYPES[0];
  return new Negotiator({ headers: { accept } }).mediaType(SINGLE_RESULT_TYPES);
}
