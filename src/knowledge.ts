import { createDirectory, type Directory } from './features/directory/directory.js';
import { loadNetworkDirectory } from './features/directory/networkDirectory.js';
import { loadReferenceData } from './features/directory/referenceData.js';
import { trainIntentClassifier } from './features/questions/intentClassifier.js';
import { createUnderstand, featuresOf, type Understand } from './features/questions/understand.js';

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
