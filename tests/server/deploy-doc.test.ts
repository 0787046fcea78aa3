import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { CONFIG_VARIABLES, readConfig } from '../../src/server/config';

// docs/deploy.md is what an operator copies: its manifests must match the server they deploy.

const doc = readFileSync(path.join(__dirname, '..', '..', 'docs', 'deploy.md'), 'utf8');
const blocks = [...doc.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]!);
const manifests = blocks.flatMap((text) => parseAllDocuments(text).map((d) => d.toJS() as any));
const deployment = manifests.find((m) => m?.kind === 'Deployment');
const container = deployment.spec.template.spec.containers[0];
const env: Record<string, string> = Object.fromEntries(
  manifests
    .flatMap((m) => m?.spec?.template?.spec?.containers ?? [])
    .filter((c: any) => c.name === 'career-framework-api')
    .flatMap((c: any) => c.env ?? [])
    .map((e: any) => [e.name, e.value]),
);

describe('docs/deploy.md', () => {
  it('sets only variables the server reads, with values it accepts', () => {
    for (const name of Object.keys(env)) expect(Object.keys(CONFIG_VARIABLES)).toContain(name);
    expect(() => readConfig(env)).not.toThrow();
  });

  it('probes the real endpoints on the port the server listens on', () => {
    const config = readConfig(env);
    expect(container.ports[0].containerPort).toBe(config.port);
    expect(container.readinessProbe.httpGet.path).toBe('/readyz');
    expect(container.livenessProbe.httpGet.path).toBe('/healthz');
  });

  it('gives the drain and the in-flight requests time before Kubernetes kills the pod', () => {
    const config = readConfig(env);
    const grace = deployment.spec.template.spec.terminationGracePeriodSeconds * 1000;
    expect(grace).toBeGreaterThan(config.drainDelayMs + config.shutdownTimeoutMs);
    const probe = container.readinessProbe;
    expect(probe.periodSeconds * probe.failureThreshold * 1000).toBeLessThan(config.drainDelayMs);
  });

  it('runs as the image user with a read-only root file system', () => {
    expect(deployment.spec.template.spec.securityContext.runAsUser).toBe(1000);
    expect(container.securityContext.readOnlyRootFilesystem).toBe(true);
  });
});
