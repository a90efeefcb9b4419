import { Logger } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { decodeHTML, escapeUTF8 } from 'entities';
import type { FastifyInstance } from 'fastify';
import { Uuid } from '@lieux/contracts';
import type { AppConfig } from '../config/app-config';
import { SpacesService } from '../sites/spaces.service';

/** What a shared link shows of a page: its title, a sentence, and for a space its photo and address. */
export interface PageMeta {
  title: string;
  description: string;
  url?: string;
  image?: string;
}

/** The index the build wrote is never cached: it names the hashed assets of the current build. */
export const INDEX_CACHE_CONTROL = 'no-cache';

const TITLE = /<title>([\s\S]*?)<\/title>/i;
const DESCRIPTION = /<meta\s+name="description"\s+content="([^"]*)"\s*\/?>/i;
/** A tag on lines of its own, taken out with its indentation and line end. */
const alone = (tag: RegExp) => new RegExp(`[ \\t]*${tag.source}[ \\t]*\\r?\\n?`, 'i');
const DESCRIPTION_MAX = 200;
const AREA = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 });

/** The title and description the build's index says, for every page that has none of its own. */
export function genericMeta(html: string): PageMeta {
  return {
    title: decodeHTML(TITLE.exec(html)?.[1].trim() ?? ''),
    description: decodeHTML(DESCRIPTION.exec(html)?.[1] ?? ''),
  };
}

/**
 * The build's index with the page's title, description and OpenGraph/Twitter tags, every value escaped
 * (`&`, `<`, `>`, both quotes) whatever a manager typed.
 */
export function renderIndex(html: string, meta: PageMeta): string {
  const tags = [
    `<title>${escapeUTF8(meta.title)}</title>`,
    `<meta name="description" content="${escapeUTF8(meta.description)}" />`,
    ...Object.entries({
      'og:type': 'website',
      'og:site_name': 'Lieux Partagés',
      'og:locale': 'fr_FR',
      'og:title': meta.title,
      'og:description': meta.description,
      'og:url': meta.url,
      'og:image': meta.image,
    })
      .filter((tag): tag is [string, string] => tag[1] !== undefined)
      .map(([property, content]) => `<meta property="${property}" content="${escapeUTF8(content)}" />`),
    `<meta name="twitter:card" content="${meta.image ? 'summary_large_image' : 'summary'}" />`,
  ];
  return html
    .replace(alone(TITLE), '')
    .replace(alone(DESCRIPTION), '')
    .replace(
      /([ \t]*)<\/head>/i,
      (_, indent: string) => `${tags.map((tag) => `${indent}  ${tag}\n`).join('')}${indent}</head>`,
    );
}

/** The build's index with the generic meta: every page but a published space's. */
export function genericIndex(html: string): string {
  return renderIndex(html, genericMeta(html));
}

function shorten(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= DESCRIPTION_MAX ? flat : `${flat.slice(0, DESCRIPTION_MAX - 1).trimEnd()}…`;
}

/**
 * A space's page (`/espaces/<id>`) comes with its own meta, so that a link shared in a message or a post
 * shows the space's name, a sentence and its first photo: link previews read the HTML, not the app.
 * Anything but a published space gets the generic page, as every other route of the app.
 */
export function registerSpacePages(app: NestFastifyApplication, config: AppConfig, html: string): void {
  const generic = genericIndex(html);
  const spaces = app.get(SpacesService, { strict: false });
  const logger = new Logger('WebIndex');
  const fastify = app.getHttpAdapter().getInstance() as unknown as FastifyInstance;
  fastify.get<{ Params: { spaceId: string } }>('/espaces/:spaceId', async (req, reply) => {
    reply.header('content-type', 'text/html; charset=utf-8').header('cache-control', INDEX_CACHE_CONTROL);
    const id = req.params.spaceId;
    // A preview is not worth the page: whatever goes wrong reading the space, the app still loads.
    const space = Uuid.safeParse(id).success
      ? await spaces.get(id).catch((e: unknown) => {
          if ((e as { status?: number }).status !== 404)
            logger.warn({ msg: 'space page without its preview', spaceId: id, err: String(e) });
          return null;
        })
      : null;
    if (!space) return reply.send(generic);
    const { site } = space;
    const photo = space.photos?.[0];
    return reply.send(
      renderIndex(html, {
        title: `${space.name} · ${site.name}, ${site.commune} · Lieux Partagés`,
        description: shorten(
          space.description ||
            `${AREA.format(space.areaSqm)} m², jusqu’à ${space.capacity} personnes, ${site.address}, ${site.postcode} ${site.commune}.`,
        ),
        url: `${config.publicUrl}/espaces/${space.id}`,
        image: photo ? `${config.publicUrl}${photo.url}` : undefined,
      }),
    );
  });
}
