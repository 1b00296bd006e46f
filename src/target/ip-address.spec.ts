import { inNetwork, isIpv4, isIpv6, parseIpAddress } from './ip-address';

const hex = (text: string) => Buffer.from(parseIpAddress(text)!).toString('hex');

describe('parseIpAddress', () => {
  it('holds an IPv4 address as its IPv4-mapped IPv6 form', () => {
    expect(hex('127.0.0.1')).toBe('00000000000000000000ffff7f000001');
    expect(hex('::ffff:127.0.0.1')).toBe(hex('127.0.0.1'));
    expect(hex('::FFFF:7F00:1')).toBe(hex('127.0.0.1'));
    expect(hex('0:0:0:0:0:ffff:7f00:0001')).toBe(hex('127.0.0.1'));
  });

  it('reads every spelling of an IPv6 address as the same bytes', () => {
    expect(hex('::1')).toBe('00000000000000000000000000000001');
    expect(hex('0000:0000:0000:0000:0000:0000:0000:0001')).toBe(hex('::1'));
    expect(hex('FE80::1')).toBe(hex('fe80:0:0:0:0:0:0:1'));
    expect(hex('::')).toBe('0'.repeat(32));
    expect(hex('1::')).toBe('0001' + '0'.repeat(28));
    expect(hex('2001:db8::1.2.3.4')).toBe('20010db8000000000000000001020304');
    expect(hex('1:2:3:4:5:6:1.2.3.4')).toBe('00010002000300040005000601020304');
    expect(hex('::1.2.3.4')).toBe('00000000000000000000000001020304');
  });

  it.each([
    ['2130706433'],
    ['0x7f.1'],
    ['0177.0.0.1'],
    ['127.1'],
    ['127.0.0.01'],
    ['256.0.0.1'],
    ['999.999.999.999'],
    ['1.2.3.4.5'],
    ['1:2:3:4:5:6:7:8:9'],
    ['1::2::3'],
    ['1:2:3:4:5:6:7::8'],
    [':1'],
    ['1:'],
    [':::'],
    ['12345::'],
    ['fe80::1%eth0'],
    ['[::1]'],
    ['::ffff:1.2.3'],
    ['1:2:3:4:5:6:7:1.2.3.4'],
    ['localhost'],
    [''],
  ])('refuses %j', (text) => {
    expect(parseIpAddress(text)).toBeNull();
  });

  it('tells IPv4 from IPv6', () => {
    expect([isIpv4('10.0.0.7'), isIpv6('10.0.0.7')]).toEqual([true, false]);
    expect([isIpv4('::ffff:10.0.0.7'), isIpv6('::ffff:10.0.0.7')]).toEqual([false, true]);
  });
});

describe('inNetwork', () => {
  const address = (text: string) => parseIpAddress(text)!;

  it('compares the first prefixLength bits only', () => {
    expect(inNetwork(address('10.1.2.3'), address('10.0.0.0'), 96 + 8)).toBe(true);
    expect(inNetwork(address('11.1.2.3'), address('10.0.0.0'), 96 + 8)).toBe(false);
    expect(inNetwork(address('169.254.169.254'), address('169.254.0.0'), 96 + 16)).toBe(true);
    expect(inNetwork(address('fe80::1'), address('fe80::'), 10)).toBe(true);
    expect(inNetwork(address('febf::1'), address('fe80::'), 10)).toBe(true);
    expect(inNetwork(address('fec0::1'), address('fe80::'), 10)).toBe(false);
    expect(inNetwork(address('2001:db8::1'), address('::'), 0)).toBe(true);
    expect(inNetwork(address('::1'), address('::1'), 128)).toBe(true);
    expect(inNetwork(address('::2'), address('::1'), 128)).toBe(false);
  });
});
