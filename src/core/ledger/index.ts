export { localCalendar, utcCalendar, type Calendar } from './calendar';
export { createFileLedgerStore, type FileLedgerOptions, type FileLedgerStore } from './file-ledger-store';
export { csvCell } from './ledger-export';
export { createLedgerIndex, type LedgerIndex, type LedgerIndexEntry } from './ledger-index';
export { ledgerFileName } from './ledger-file-name';
export type * from './ledger-types';
export { createMemoryLedgerStore, type MemoryLedgerOptions } from './memory-ledger-store';
export { redactSecrets } from './redact-secrets';
