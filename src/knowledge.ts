import { createDirectory, type Directory } from './directory/directory.js';
import { loadNetworkDirectory } from './directory/networkDirectory.js';
import { loadReferenceData } from './directory/referenceData.js';
import { trainIntentClassifier } from './nlu/intentClassifier.js';
import { createUnderstand, featuresOf, type Understand } from './nlu/understand.js';

export interface Knowledge {
  directory: Directory;
  understand: Understand;
}

/**
 * The directory (DIRECTORY_FILE or the sample, plus the shipped reference data) and the intent
 * classifier trained on the corpus. Throws a DirectoryError naming the bad entry.
 */
export async function loadKnowledge(directoryFile?: string): Promise<Knowledge> {
  const directory = createDirectory(loadNetworkDirectory(directoryFile), loadReferenceData());
  const classifier = await trainIntentClassifier({ features: (text) => featuresOf(directory, text) });
  return { directory, understand: createUnderstand(directory, classifier) };
}
