// Dexie reads `indexedDB` when it is first imported, so the in-memory
// implementation must be installed before any test module loads.
import 'fake-indexeddb/auto';
