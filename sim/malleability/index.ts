/** The malleability module: what other modules use of it. */
export { multisigOwner, startMalleabilityStories, type MalleabilityEvent, type MalleabilitySpec } from './stories.js';
export { malleabilityStory } from './story.js';
