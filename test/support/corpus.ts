export { CORPORA, corpusDir, ruleExpressions, type Corpus, type CorpusExpression } from '../../scripts/corpus.ts';
