// Dexie reads `indexedDB` when it is first imported, so the in-memory
// implementation must be installed before any test module loads.
import 'fake-indexeddb/auto';
import { installLexiconFile } from '../../lib/cli/lexicon-file';

// The analysis reads the lexicon the extension ships; the extension reads it from its package before analysing.
installLexiconFile();
