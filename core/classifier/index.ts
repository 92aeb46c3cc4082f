export { CategoryClassifier, MIN_TRAINING_CASES, type Suggestion, type TrainingReport, type LabelledText } from './category-classifier';
export { trainNaiveBayes, predict, evaluate, heldOut, ngrams, type NaiveBayesModel, type Prediction, type Evaluation } from './naive-bayes';
export { syntheticCases, type SyntheticCase } from './synthetic-cases';
export { runClassifierTrain } from './classifier-cli';
export { recategoriseCase, suggestMinConfidence, DEFAULT_SUGGEST_MIN_CONFIDENCE, type RecategoriseInput, type RecategoriseResult } from './recategorise-case';
