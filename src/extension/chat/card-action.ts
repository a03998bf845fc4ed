/** What a button under an answer does, kept in the extension (the view only sends back its id). */
export type CardAction =
  | { kind: 'retry'; alias?: string }
  | { kind: 'setApiKey'; provider: string }
  | { kind: 'showSpending' }
  | { kind: 'newChat' };
