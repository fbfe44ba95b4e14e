import { fileURLToPath } from 'node:url';
import { lintFromString, loadConfig } from '@redocly/openapi-core';
import spectralCore from '@stoplight/spectral-core';
import * as spectralParsers from '@stoplight/spectral-parsers';

/**
 * Redocly's and Spectral's linters, run in-process on a document with the
 * project's rulesets (redocly.yaml, .spectral.mjs at the root). Both are
 * libraries here, not their CLIs: no telemetry, no registry, nothing leaves
 * the machine. Each answer is the problems as `severity rule where: message`.
 */

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export async function redoclyProblems(doc: unknown): Promise<string[]> {
  const config = await loadConfig({ configPath: `${ROOT}redocly.yaml` });
  const problems = await lintFromString({ source: JSON.stringify(doc, null, 1), absoluteRef: `${ROOT}openapi.json`, config });
  return problems.map((p) => `${p.severity} ${p.ruleId} ${p.location[0]?.pointer ?? ''}: ${p.message}`);
}

const SEVERITIES = ['error', 'warn', 'info', 'hint'];

/** Errors and warnings; Spectral's information and hints are advice, not findings. */
export async function spectralProblems(doc: unknown): Promise<string[]> {
  // CommonJS packages: their named exports arrive on `default` under tsx.
  const { Spectral, Document } = (spectralCore as unknown as { default?: typeof spectralCore }).default ?? spectralCore;
  const { Json } = (spectralParsers as unknown as { default?: typeof spectralParsers }).default ?? spectralParsers;
  const { default: ruleset } = (await import(`${ROOT}.spectral.mjs`)) as { default: Parameters<spectralCore.Spectral['setRuleset']>[0] };
  const spectral = new Spectral();
  spectral.setRuleset(ruleset);
  const results = await spectral.run(new Document(JSON.stringify(doc, null, 1), Json, 'openapi.json'));
  return results.filter((r) => r.severity <= 1).map((r) => `${SEVERITIES[r.severity]} ${r.code} ${r.path.join('.')}: ${r.message}`);
}
