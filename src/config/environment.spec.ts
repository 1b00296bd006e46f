import { ENVIRONMENT, environmentReadBy, readEnvironment, variablesReadBy } from './environment';

describe('the environment table', () => {
  it('trims a value and takes a blank one as unset, but takes a credential as given', () => {
    const values = readEnvironment({
      PORT: '  ',
      KAFKA_CLIENT_ID: ' client ',
      KAFKA_SASL_PASSWORD: ' p ',
      KAFKA_SASL_USERNAME: '',
    });
    expect(values.PORT).toBe(4000);
    expect(values.KAFKA_CLIENT_ID).toBe('client');
    expect(values.KAFKA_SASL_PASSWORD).toBe(' p ');
    expect(values.KAFKA_SASL_USERNAME).toBeNull();
  });

  it('reads the alias when the variable is unset, and names it in an error', () => {
    expect(readEnvironment({ KAFKA_BROKERS: ' ', KAFKA_BROKER: 'k:1' }).KAFKA_BROKERS).toEqual([
      'k:1',
    ]);
    expect(() => readEnvironment({ KAFKA_BROKER: 'k' })).toThrow(
      /^invalid configuration: KAFKA_BROKER must be/,
    );
  });

  it('gives a Kafka command only the variables it reads, aliases included', () => {
    expect(
      environmentReadBy('register', { PORT: 'x', KAFKA_BROKER: 'k:1', KAFKA_GROUP_ID: 'g' }),
    ).toEqual(expect.objectContaining({ KAFKA_BROKER: 'k:1' }));
    expect(Object.keys(environmentReadBy('deregister', {}))).not.toContain('PORT');
    expect(variablesReadBy('serve')).toHaveLength(Object.keys(ENVIRONMENT).length);
  });
});
