import { analyzeCorpus } from './analysis';
import { decodeCorpusBytes } from './corpus/decode';
import { parseCorpusFile } from './corpus/parse';
import type { IngestPipeline } from './store/ingest';

/** The one pipeline from file bytes to stored facts: the background and the CLI both run it. */
export const corpusPipeline: IngestPipeline = {
  decode: decodeCorpusBytes,
  parse: parseCorpusFile,
  analyze: analyzeCorpus,
};
