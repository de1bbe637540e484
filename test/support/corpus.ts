export { CORPUS, corpusDir, ruleExpressions, type CorpusExpression } from '../../scripts/corpus.ts';
