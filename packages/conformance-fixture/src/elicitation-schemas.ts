/** Elicitation form schemas the conformance scenarios inspect field by field. */

/** SEP-1034: a default for every primitive type. */
export const DEFAULTS_FORM = {
  type: 'object',
  properties: {
    name: { type: 'string', description: 'User name', default: 'John Doe' },
    age: { type: 'integer', description: 'User age', default: 30 },
    score: { type: 'number', description: 'User score', default: 95.5 },
    status: {
      type: 'string',
      description: 'User status',
      enum: ['active', 'inactive', 'pending'],
      default: 'active',
    },
    verified: { type: 'boolean', description: 'Verification status', default: true },
  },
  required: [],
} as const;

const CHOICES = ['option1', 'option2', 'option3'];
const titled = (prefix: string, noun: string): { const: string; title: string }[] =>
  ['First', 'Second', 'Third'].map((ordinal, i) => ({
    const: `${prefix}${i + 1}`,
    title: `${ordinal} ${noun}`,
  }));

/** SEP-1330: the five enum shapes (untitled, titled, legacy enumNames, and two multi-selects). */
export const ENUMS_FORM = {
  type: 'object',
  properties: {
    untitledSingle: { type: 'string', description: 'Select one option', enum: CHOICES },
    titledSingle: {
      type: 'string',
      description: 'Select one option with titles',
      oneOf: titled('value', 'Option'),
    },
    legacyEnum: {
      type: 'string',
      description: 'Select one option (legacy)',
      enum: ['opt1', 'opt2', 'opt3'],
      enumNames: ['Option One', 'Option Two', 'Option Three'],
    },
    untitledMulti: {
      type: 'array',
      description: 'Select multiple options',
      minItems: 1,
      maxItems: 3,
      items: { type: 'string', enum: CHOICES },
    },
    titledMulti: {
      type: 'array',
      description: 'Select multiple options with titles',
      minItems: 1,
      maxItems: 3,
      items: { anyOf: titled('value', 'Choice') },
    },
  },
  required: [],
} as const;

/** A form of one required field of the given type. */
export function oneFieldForm(name: string, type: 'string' | 'boolean'): Record<string, unknown> {
  return { type: 'object', properties: { [name]: { type } }, required: [name] };
}
