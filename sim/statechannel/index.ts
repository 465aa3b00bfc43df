/** The statechannel module: what other modules use of it. */
export { StateChannelStory, type StateChannelEvent, type StateChannelSpec } from './story.js';
