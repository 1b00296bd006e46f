import { getTargets, useRegistry } from './support/registry-app';
import { waitFor } from './support/wait';

describe('register → state topic → view → /prometheus/targets', () => {
  const fixture = useRegistry();

  it('serves a registered target in the SPEC §3.1 shape and drops it on deregister', async () => {
    const { topics } = fixture.registry.config;
    expect((await getTargets(fixture.registry.url)).body).toEqual([]);

    await fixture.producer.sendJson(topics.register, 'shdr-gateway-1', {
      applicationUuid: 'shdr-gateway-1',
      host: 'shdr-gateway',
      port: 4000,
      path: '/metrics',
      scheme: 'http',
      labels: { env: 'prod', line: '3' },
      ttlSeconds: 60,
    });

    const served = await waitFor('the target to be served', async () => {
      const { body } = await getTargets(fixture.registry.url);
      return Array.isArray(body) && body.length === 1 ? body : undefined;
    });
    expect(served).toEqual([
      {
        targets: ['shdr-gateway:4000'],
        labels: {
          __metrics_path__: '/metrics',
          __scheme__: 'http',
          __meta_registry_application_uuid: 'shdr-gateway-1',
          env: 'prod',
          line: '3',
        },
      },
    ]);
    const res = await fetch(`${fixture.registry.url}/prometheus/targets`);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');

    await fixture.producer.sendJson(topics.deregister, 'shdr-gateway-1', {
      applicationUuid: 'shdr-gateway-1',
    });
    await waitFor(
      'the target to leave',
      async () => (await getTargets(fixture.registry.url)).text === '[]',
    );
  });
});
