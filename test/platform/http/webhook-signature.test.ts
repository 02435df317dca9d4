import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { Webhook } from 'standardwebhooks';
import { SignatureError, WebhookSignatureVerifier } from '../../../services/platform/http/webhook-signature.ts';

const secret = `whsec_${Buffer.from('a-test-secret-of-24-bytes').toString('base64')}`;
const verifier = new WebhookSignatureVerifier(secret);
const rejected = (body: Buffer, headers: Record<string, string>) =>
  assert.throws(() => verifier.verify(body, headers), (e: unknown) => e instanceof SignatureError && e.code === 'SIGNATURE_INVALID');

describe('webhook signature', () => {
  it('signs UTF-8 bodies exactly as the standardwebhooks library does (senders use it)', () => {
    const lib = new Webhook(secret);
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), fc.date({ min: new Date(0), max: new Date('2100-01-01'), noInvalidDate: true }), (text, at) => {
        assert.equal(verifier.sign('msg_1', at, Buffer.from(text, 'utf8'))['webhook-signature'], lib.sign('msg_1', at, text));
      }),
    );
  });

  it('covers the exact bytes: a flipped byte in invalid UTF-8 is refused (the library let it pass)', () => {
    const signed = verifier.sign('msg_2', new Date(), Buffer.from([0x80]));
    assert.equal(verifier.verify(Buffer.from([0x80]), signed), 'msg_2');
    rejected(Buffer.from([0x81]), signed);
  });

  it('refuses timestamps that are not whole seconds, and stale or future ones', () => {
    const body = Buffer.from('{}');
    const signed = verifier.sign('msg_3', new Date(), body);
    for (const ts of ['abc', '', ' 1', '1e10', `${signed['webhook-timestamp']}junk`, '-1']) rejected(body, { ...signed, 'webhook-timestamp': ts });
    rejected(body, verifier.sign('msg_3', new Date(Date.now() - 310_000), body));
    rejected(body, verifier.sign('msg_3', new Date(Date.now() + 310_000), body));
  });
});
