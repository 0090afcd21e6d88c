// The README's second example: parse every JSON file; an invalid one throws, and that becomes its error.
import { defineMapper } from '../../src/index.js';

const decoder = new TextDecoder();

export default defineMapper((file) => {
  const parsed: unknown = JSON.parse(decoder.decode(file.data));
  return { keys: typeof parsed === 'object' && parsed !== null ? Object.keys(parsed).length : 0 };
});
