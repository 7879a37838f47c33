#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Writes the SLPv2 seed corpus (RFC 2608 wire format, built by hand here, independently of
# core/slp/SlpCodec): valid-*.bin must decode, invalid-*.bin must be refused. TestSlpCodec checks
# both; the fuzz target of issue #10 starts from them. Run from this directory.
import struct


def s(text):
    data = text.encode()
    return struct.pack('>H', len(data)) + data


def msg(function, body, xid=0x1234, flags=0, lang='en', version=2, length_delta=0, ext=0):
    header_len = 14 + len(lang.encode())
    length = header_len + len(body) + length_delta
    return (struct.pack('>BB', version, function) + length.to_bytes(3, 'big') + struct.pack('>H', flags)
            + ext.to_bytes(3, 'big') + struct.pack('>H', xid) + s(lang) + body)


def url_entry(url, lifetime=10800, auths=b'\x00'):
    return b'\x00' + struct.pack('>H', lifetime) + s(url) + auths


def auth_block(spi='spi', signature=b'\x01\x02\x03\x04'):
    spi_b = spi.encode()
    return struct.pack('>HH', 2, 10 + len(spi_b) + len(signature)) + struct.pack('>I', 1700000000) + s(spi) + signature


ATTRS = ('(template-type=wbem),(service-hi-name=array\\2C one),(CommunicationMechanism=cim-xml),'
         '(InteropSchemaNamespace=interop),(Namespace=interop,root/cimv2),(MultipleOperationsSupported=false)')

corpus = {
    'valid-srvrqst.bin': msg(1, s('') + s('service:wbem') + s('DEFAULT') + s('') + s(''), flags=0x2000),
    'valid-srvrqst-prlist.bin': msg(1, s('10.0.0.1,10.0.0.2') + s('service:wbem') + s('DEFAULT') + s('') + s(''),
                                    flags=0x2000),
    'valid-srvrply.bin': msg(2, struct.pack('>HH', 0, 2) + url_entry('service:wbem:https://10.0.0.5:5989')
                             + url_entry('service:wbem:http://10.0.0.5:5988')),
    'valid-srvrply-auth.bin': msg(2, struct.pack('>HH', 0, 1)
                                  + url_entry('service:wbem:https://10.0.0.5:5989', auths=b'\x01' + auth_block())),
    'valid-srvrply-error4.bin': msg(2, struct.pack('>HH', 4, 0)),
    'valid-attrrqst.bin': msg(6, s('') + s('service:wbem:https://10.0.0.5:5989') + s('DEFAULT') + s('') + s('')),
    'valid-attrrply.bin': msg(7, struct.pack('>H', 0) + s(ATTRS) + b'\x00'),
    'valid-srvtyperqst.bin': msg(9, s('') + struct.pack('>H', 0xFFFF) + s('DEFAULT')),
    'valid-srvtyperply.bin': msg(10, struct.pack('>H', 0) + s('service:wbem:https,service:wbem:http')),
    'valid-daadvert.bin': msg(8, struct.pack('>HI', 0, 1700000000) + s('service:directory-agent://10.0.0.9')
                              + s('DEFAULT') + s('') + s('') + b'\x00'),
    'valid-saadvert.bin': msg(11, s('service:service-agent://10.0.0.5') + s('DEFAULT') + s('') + b'\x00'),
    'invalid-version1.bin': msg(2, struct.pack('>HH', 0, 0), version=1),
    'invalid-function.bin': msg(42, b''),
    'invalid-truncated-header.bin': msg(2, struct.pack('>HH', 0, 0))[:9],
    'invalid-length-oversized.bin': msg(2, struct.pack('>HH', 0, 0), length_delta=100),
    'invalid-lang-oversized.bin': msg(2, b'')[:12] + struct.pack('>H', 500) + b'en',
    'invalid-url-count-oversized.bin': msg(2, struct.pack('>HH', 0, 5000) + url_entry('service:wbem:https://h')),
    'invalid-url-length-oversized.bin': msg(2, struct.pack('>HH', 0, 1) + b'\x00' + struct.pack('>HH', 10800, 900)
                                            + b'service:wbem:https://h' + b'\x00'),
    'invalid-auth-length-oversized.bin': msg(2, struct.pack('>HH', 0, 1) + url_entry(
        'service:wbem:https://h', auths=b'\x01' + struct.pack('>HH', 2, 4000) + b'\x00' * 12)),
    'invalid-attr-length-oversized.bin': msg(7, struct.pack('>HH', 0, 9000) + b'(a=b)' + b'\x00'),
    'invalid-trailing-bytes.bin': msg(10, struct.pack('>H', 0) + s('service:wbem') + b'junk'),
    'invalid-extension-offset.bin': msg(10, struct.pack('>H', 0) + s('service:wbem'), ext=4096),
}

for name, data in corpus.items():
    with open(name, 'wb') as f:
        f.write(data)
