export {
  CORPORA,
  corpusDir,
  logsInsightsQueries,
  promtoolRuleVerdicts,
  ruleExpressions,
  type Corpus,
  type CorpusExpression,
} from '../../scripts/corpus.ts';
