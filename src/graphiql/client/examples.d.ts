// The operations in examples/, put in by scripts/build-graphiql.js when it bundles the client.

/** One file of examples/: its name and its text. */
export interface Example {
  readonly name: string;
  readonly query: string;
}

export declare const EXAMPLES: readonly Example[];
