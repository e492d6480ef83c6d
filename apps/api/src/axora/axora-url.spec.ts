import { parseAxoraPath } from './axora-url';

describe('parseAxoraPath', () => {
  it('splits on + then percent-decodes each part', () => {
    expect(parseAxoraPath('/app/auth/aSJpwdxP8n90xbFv1Rs2+tanish+toomuchpain+3.7.4')).toEqual({
      endpoint: 'aSJpwdxP8n90xbFv1Rs2',
      username: 'tanish',
      password: 'toomuchpain',
      version: '3.7.4',
    });
    expect(parseAxoraPath('/app/auth/E+u+p%2Bq%26r%3Ds%25t%20%C3%A9+1.0+L5J3K4H7N8')).toEqual({
      endpoint: 'E',
      username: 'u',
      password: 'p+q&r=s%t é',
      version: '1.0',
      hwid: 'L5J3K4H7N8',
    });
  });

  it('keeps a raw % and a raw / inside a part', () => {
    expect(parseAxoraPath('/app/auth/E+u+50%off/a+1.0')?.password).toBe('50%off/a');
  });

  it('takes the prefix in any case, as the router does, and keeps the parts as written', () => {
    expect(parseAxoraPath('/APP/Auth/aSJp+Tanish+Pw+1.0')).toEqual({
      endpoint: 'aSJp',
      username: 'Tanish',
      password: 'Pw',
      version: '1.0',
    });
  });

  it('ignores a query string', () => {
    expect(parseAxoraPath('/app/auth/E+u+p+1.0?x=1')?.version).toBe('1.0');
  });

  it('refuses too few, too many, and empty parts', () => {
    for (const url of ['/app/auth/E+u+p', '/app/auth/E+u+p+1+h+x', '/app/auth/E++p+1', '/app/auth/', '/other/E+u+p+1']) {
      expect(parseAxoraPath(url)).toBeNull();
    }
  });
});
