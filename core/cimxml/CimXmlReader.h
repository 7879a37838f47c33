// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/cimxml/CimOperationRequest.h"
#include "core/cimxml/CimOperationResponse.h"
#include "core/cimxml/CimXmlError.h"
#include "core/cimxml/CimXmlLimits.h"

#include <QByteArrayView>

#include <memory>
#include <optional>

namespace cimdiag {

/// Streaming DSP0201 decoder, free of I/O: feed() it bytes as they arrive, then finish().
///
/// A response reader is built for the operation it answers and checks the reply against it (an
/// EnumerateInstanceNames reply holding INSTANCE elements is an error, not an empty list). A request
/// reader decodes IMETHODCALL, METHODCALL and EXPMETHODCALL messages (what a server or an indication
/// listener receives).
///
/// It accepts what real servers send: KEYVALUE without TYPE, VALUE.NULL, insignificant whitespace,
/// unknown attributes. It rejects, with the element path and line:column, an element where another
/// is required, a value that does not fit its type, a missing required attribute, a truncated
/// document. DTDs and entity declarations are refused; nesting depth and the size of one text node
/// are limited.
class CimXmlReader final
{
public:

    /// A reader for the response to operation.
    explicit CimXmlReader(CimOperation operation, CimXmlLimits limits = {});
    /// A reader for a request message (intrinsic, extrinsic or export).
    static std::unique_ptr<CimXmlReader> forRequest(CimXmlLimits limits = {});
    ~CimXmlReader();
    Q_DISABLE_COPY_MOVE(CimXmlReader)

    /// Decodes the next bytes of the document. Returns false once the document is known to be bad;
    /// error() says why and further input is ignored.
    bool feed(QByteArrayView bytes);
    /// Ends the input. Returns false when the document is bad or incomplete.
    bool finish();

    bool hasError() const;
    const CimXmlError &error() const;
    qint64 bytesFed() const;

    /// The decoded response; complete after a successful finish(). Objects decoded so far are
    /// available while feeding.
    const CimOperationResponse &response() const;
    CimOperationResponse takeResponse();
    /// The decoded request (for a reader made by forRequest()).
    const CimOperationRequest &request() const;
    CimOperationRequest takeRequest();

    /// One-shot conveniences.
    static std::optional<CimOperationResponse> readResponse(CimOperation operation, QByteArrayView document,
                                                            CimXmlError *error = nullptr);
    static std::optional<CimOperationRequest> readRequest(QByteArrayView document, CimXmlError *error = nullptr);

private:
    class Private;
    explicit CimXmlReader(std::unique_ptr<Private> d);
    std::unique_ptr<Private> d;
};

} // namespace cimdiag
