import type {
  ResourceImplementation,
  ResourceTemplateImplementation,
} from '@stockpulse/tool-service';
import { PIXEL_PNG_BASE64 } from './media.js';

/** The URI of the resource a client subscribes to in the subscribe scenarios. */
export const WATCHED_RESOURCE_URI = 'test://watched-resource';

function textResource(
  uri: string,
  name: string,
  title: string,
  description: string,
  body: string,
): ResourceImplementation {
  return {
    definition: { uri, name, title, description, mimeType: 'text/plain' },
    read: async () => [{ uri, mimeType: 'text/plain', text: body }],
  };
}

/** The fixed resources: a text one, a binary one, and one to subscribe to. */
export function fixtureResources(): ResourceImplementation[] {
  return [
    textResource(
      'test://static-text',
      'static-text',
      'Static Text Resource',
      'A static text resource',
      'This is the content of the static text resource.',
    ),
    {
      definition: {
        uri: 'test://static-binary',
        name: 'static-binary',
        title: 'Static Binary Resource',
        description: 'A static binary resource (a PNG image)',
        mimeType: 'image/png',
      },
      read: async () => [
        { uri: 'test://static-binary', mimeType: 'image/png', blob: PIXEL_PNG_BASE64 },
      ],
    },
    textResource(
      WATCHED_RESOURCE_URI,
      'watched-resource',
      'Watched Resource',
      'A resource clients may subscribe to',
      'Watched resource content',
    ),
  ];
}

/** Identifiers the template offers when a client asks for completions of `{id}`. */
const KNOWN_IDS = ['123', '124', '200', '404'];

/** The resource template `test://template/{id}/data`: JSON naming the id it was read with. */
export function fixtureResourceTemplates(): ResourceTemplateImplementation[] {
  return [
    {
      definition: {
        uriTemplate: 'test://template/{id}/data',
        name: 'template',
        title: 'Resource Template',
        description: 'A resource template with parameter substitution',
        mimeType: 'application/json',
      },
      read: async (uri, vars) => {
        const id = vars['id'];
        if (id === undefined) return null;
        const body = { id, templateTest: true, data: `Data for ID: ${id}` };
        return [{ uri, mimeType: 'application/json', text: JSON.stringify(body) }];
      },
      complete: async (variable, value) =>
        variable === 'id' ? KNOWN_IDS.filter((id) => id.startsWith(value)) : [],
    },
  ];
}
