import type { ToolImplementation } from '@stockpulse/tool-service';
import { PIXEL_PNG_BASE64, SILENCE_WAV_BASE64 } from './media.js';
import { NO_ARGUMENTS, blocks, text } from './tool-kit.js';

/** The JSON Schema 2020-12 keywords a listing must carry through unchanged (SEP-1613, SEP-2106). */
export const JSON_SCHEMA_2020_12_INPUT = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  $defs: {
    address: {
      $anchor: 'addressDef',
      type: 'object',
      properties: { street: { type: 'string' }, city: { type: 'string' } },
    },
  },
  properties: {
    name: { type: 'string' },
    address: { $ref: '#/$defs/address' },
    contactMethod: { type: 'string', enum: ['phone', 'email'] },
    phone: { type: 'string' },
    email: { type: 'string' },
  },
  allOf: [{ anyOf: [{ required: ['phone'] }, { required: ['email'] }] }],
  if: { properties: { contactMethod: { const: 'phone' } }, required: ['contactMethod'] },
  then: { required: ['phone'] },
  else: { required: ['email'] },
  additionalProperties: false,
} as const;

/** Tools whose results exercise each content type, a tool failure, and schema preservation. */
export function contentTools(): ToolImplementation[] {
  return [
    {
      definition: {
        name: 'test_simple_text',
        description: 'Returns one text block',
        inputSchema: NO_ARGUMENTS,
      },
      handler: async () => text('This is a simple text response for testing.'),
    },
    {
      definition: {
        name: 'test_image_content',
        description: 'Returns one PNG image block',
        inputSchema: NO_ARGUMENTS,
      },
      handler: async () => blocks({ type: 'image', data: PIXEL_PNG_BASE64, mimeType: 'image/png' }),
    },
    {
      definition: {
        name: 'test_audio_content',
        description: 'Returns one WAV audio block',
        inputSchema: NO_ARGUMENTS,
      },
      handler: async () =>
        blocks({ type: 'audio', data: SILENCE_WAV_BASE64, mimeType: 'audio/wav' }),
    },
    {
      definition: {
        name: 'test_embedded_resource',
        description: 'Returns one embedded text resource',
        inputSchema: NO_ARGUMENTS,
      },
      handler: async () =>
        blocks({
          type: 'resource',
          resource: {
            uri: 'test://embedded-resource',
            mimeType: 'text/plain',
            text: 'This is an embedded resource content.',
          },
        }),
    },
    {
      definition: {
        name: 'test_multiple_content_types',
        description: 'Returns a text, an image and an embedded resource block',
        inputSchema: NO_ARGUMENTS,
      },
      handler: async () =>
        blocks(
          { type: 'text', text: 'Multiple content types test:' },
          { type: 'image', data: PIXEL_PNG_BASE64, mimeType: 'image/png' },
          {
            type: 'resource',
            resource: {
              uri: 'test://mixed-content-resource',
              mimeType: 'application/json',
              text: JSON.stringify({ test: 'data', value: 123 }),
            },
          },
        ),
    },
    {
      definition: {
        name: 'test_error_handling',
        description: 'Always fails, as a tool result with isError: true',
        inputSchema: NO_ARGUMENTS,
      },
      handler: async () => {
        // The tool service turns a thrown non-protocol error into an isError result.
        throw new Error('This tool intentionally returns an error for testing');
      },
    },
    {
      definition: {
        name: 'json_schema_2020_12_tool',
        description: 'Tool with JSON Schema 2020-12 features',
        inputSchema: JSON_SCHEMA_2020_12_INPUT,
      },
      handler: async (args) =>
        text(`JSON Schema 2020-12 tool called with: ${JSON.stringify(args)}`),
    },
    {
      // SEP-2243: a 2026-07-28 client mirrors `region` into the header `Mcp-Param-Region`, and
      // the server checks the two agree.
      definition: {
        name: 'test_header_parameter',
        description: 'Echoes a parameter that travels in an Mcp-Param header too',
        inputSchema: {
          type: 'object',
          properties: { region: { type: 'string', 'x-mcp-header': 'Region' } },
          required: ['region'],
        },
      },
      handler: async (args) => text(`Region: ${String(args['region'])}`),
    },
  ];
}
