import { createDirectory, type Directory } from './directory/directory.js';
import { loadNetworkDirectory } from './directory/networkDirectory.js';
import { loadReferenceData } from './directory/referenceData.js';
import { trainIntentClassifier, type IntentClassifier } from './nlu/intentClassifier.js';

export interface Knowledge {
  directory: Directory;
  classifier: IntentClassifier;
}

/**
 * The directory (DIRECTORY_FILE or the sample, plus the shipped reference data) and the intent
 * classifier trained on the corpus. Throws a DirectoryError naming the bad entry.
 */
export async function loadKnowledge(directoryFile?: string): Promise<Knowledge> {
  const directory = createDirectory(loadNetworkDirectory(directoryFile), loadReferenceData());
  const classifier = await trainIntentClassifier({ delexicalise: (text) => directory.delexicalise(text) });
  return { directory, classifier };
}
