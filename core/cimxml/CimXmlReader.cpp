// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/cimxml/CimXmlReader.h"

#include "core/cimxml/CimXmlObjectDecoder.h"
#include "core/cimxml/CimXmlSaxParser.h"

namespace cimdiag {

namespace {
using E = CimXmlElement;
using A = CimXmlAttribute;
constexpr int kNone = CimXmlNodeTree::kNone;

// What IRETURNVALUE holds for each reply shape, for messages: "must hold INSTANCENAME elements".
QString expectedItems(CimReturnShape shape)
{
    switch (shape) {
    case CimReturnShape::Nothing:
    case CimReturnShape::MethodResult:
    case CimReturnShape::ExportResult:
        return QStringLiteral("nothing");
    case CimReturnShape::Class:
        return QStringLiteral("one CLASS");
    case CimReturnShape::Classes:
        return QStringLiteral("CLASS elements");
    case CimReturnShape::ClassNames:
        return QStringLiteral("CLASSNAME elements");
    case CimReturnShape::Instance:
        return QStringLiteral("one INSTANCE");
    case CimReturnShape::NamedInstances:
        return QStringLiteral("VALUE.NAMEDINSTANCE elements");
    case CimReturnShape::InstanceName:
        return QStringLiteral("one INSTANCENAME");
    case CimReturnShape::InstanceNames:
        return QStringLiteral("INSTANCENAME elements");
    case CimReturnShape::Objects:
        return QStringLiteral("VALUE.OBJECTWITHPATH elements");
    case CimReturnShape::ObjectPaths:
        return QStringLiteral("OBJECTPATH elements");
    case CimReturnShape::QueryObjects:
        return QStringLiteral("VALUE.OBJECT or VALUE.OBJECTWITHPATH elements");
    case CimReturnShape::Value:
        return QStringLiteral("one VALUE, VALUE.ARRAY or VALUE.REFERENCE");
    case CimReturnShape::QualifierDeclaration:
        return QStringLiteral("one QUALIFIER.DECLARATION");
    case CimReturnShape::QualifierDeclarations:
        return QStringLiteral("QUALIFIER.DECLARATION elements");
    case CimReturnShape::PulledInstancesWithPath:
        return QStringLiteral("VALUE.INSTANCEWITHPATH elements");
    case CimReturnShape::PulledInstancePaths:
        return QStringLiteral("INSTANCEPATH elements");
    case CimReturnShape::PulledInstances:
        return QStringLiteral("INSTANCE elements");
    case CimReturnShape::Count:
        return QStringLiteral("one VALUE");
    }
    return {};
}

bool isSingleObjectShape(CimReturnShape shape)
{
    return shape == CimReturnShape::Class || shape == CimReturnShape::Instance
        || shape == CimReturnShape::InstanceName || shape == CimReturnShape::QualifierDeclaration;
}

bool isPulledShape(CimReturnShape shape)
{
    return shape == CimReturnShape::PulledInstancesWithPath || shape == CimReturnShape::PulledInstancePaths
        || shape == CimReturnShape::PulledInstances;
}
} // namespace

class CimXmlReader::Private
{
public:
    Private(bool isRequest, CimOperation operation, CimXmlLimits limits)
        : isRequest(isRequest)
        , operation(operation)
        , shape(cimReturnShape(operation))
        , parser(&tree, limits)
        , decoder(&tree, limits)
    {
        response.operation = operation;
        if (!isRequest)
            parser.setStreamingElement(E::IReturnValue, [this](int node) { return onItem(node); });
    }

    bool onItem(int node);
    void checkResponseEnvelope(int returnValueNode);
    void decodeItem(int node);
    void finishResponse();
    void finishRequest();
    // Envelope helpers.
    int child(int parent, E element, bool required);
    int onlyChild(int parent);
    void checkMessage(int root);
    bool fail(const CimXmlObjectDecoder::Failure &failure);

    bool isRequest;
    CimOperation operation;
    CimReturnShape shape;
    CimXmlNodeTree tree;
    CimXmlSaxParser parser;
    CimXmlObjectDecoder decoder;
    CimOperationResponse response;
    CimOperationRequest request;
    CimXmlError error;
    int itemCount = 0;
    bool envelopeChecked = false;
    bool finished = false;
};

bool CimXmlReader::Private::fail(const CimXmlObjectDecoder::Failure &failure)
{
    if (error.isNull()) {
        error.message = failure.message;
        if (failure.node != kNone && failure.node < tree.size()) {
            error.elementPath = tree.path(failure.node);
            error.line = tree.node(failure.node).line;
            error.column = tree.node(failure.node).column;
        }
    }
    return false;
}

int CimXmlReader::Private::child(int parent, E element, bool required)
{
    for (int c = tree.node(parent).firstChild; c != kNone; c = tree.node(c).nextSibling) {
        if (tree.node(c).element == element)
            return c;
    }
    if (required)
        decoder.fail(parent, QStringLiteral("<%1> lacks the required <%2>")
                                 .arg(cimXmlElementName(tree.node(parent).element), cimXmlElementName(element)));
    return kNone;
}

int CimXmlReader::Private::onlyChild(int parent)
{
    const CimXmlNodeTree::Node &n = tree.node(parent);
    if (n.firstChild == kNone)
        decoder.fail(parent, QStringLiteral("<%1> is empty").arg(cimXmlElementName(n.element)));
    if (tree.node(n.firstChild).nextSibling != kNone)
        decoder.unexpected(parent, tree.node(n.firstChild).nextSibling);
    return n.firstChild;
}

// CIM and MESSAGE: DSP0201 versions 2.x and protocol 1.x.
void CimXmlReader::Private::checkMessage(int root)
{
    if (tree.node(root).element != E::Cim)
        decoder.fail(root, QStringLiteral("the root element must be <CIM>, not <%1>")
                               .arg(cimXmlElementName(tree.node(root).element)));
    const QString cimVersion = decoder.requiredAttribute(root, A::CimVersion);
    if (!cimVersion.startsWith(QStringLiteral("2.")))
        decoder.fail(root, QStringLiteral("CIMVERSION=\"%1\" is not supported (2.x expected)").arg(cimVersion));
    const QString dtdVersion = decoder.requiredAttribute(root, A::DtdVersion);
    if (!dtdVersion.startsWith(QStringLiteral("2.")))
        decoder.fail(root, QStringLiteral("DTDVERSION=\"%1\" is not supported (2.x expected)").arg(dtdVersion));
    const int message = tree.node(root).firstChild;
    if (message == kNone || tree.node(message).element != E::Message) {
        if (message != kNone && tree.node(message).element == E::Declaration)
            decoder.fail(message, QStringLiteral("a DECLARATION document is not a message"));
        decoder.fail(root, QStringLiteral("<CIM> must hold a <MESSAGE>"));
    }
    const QString id = decoder.requiredAttribute(message, A::Id);
    const QString protocol = decoder.requiredAttribute(message, A::ProtocolVersion);
    if (!protocol.startsWith(QStringLiteral("1.")))
        decoder.fail(message, QStringLiteral("PROTOCOLVERSION=\"%1\" is not supported (1.x expected)").arg(protocol));
    response.messageId = id;
    request.messageId = id;
}

// Called when the first IRETURNVALUE item closes: the ancestors are all open, so the envelope can be
// checked before any item is accepted.
void CimXmlReader::Private::checkResponseEnvelope(int returnValueNode)
{
    if (envelopeChecked)
        return;
    const int methodResponse = tree.node(returnValueNode).parent;
    const E expectedResponse = operation == CimOperation::ExportIndication ? E::ExpMethodResponse
                                                                            : E::IMethodResponse;
    if (methodResponse == kNone || tree.node(methodResponse).element != expectedResponse)
        decoder.fail(returnValueNode, QStringLiteral("<IRETURNVALUE> belongs in <%1>")
                                          .arg(cimXmlElementName(expectedResponse)));
    const QString name = decoder.requiredAttribute(methodResponse, A::Name);
    if (!cimNamesEqual(name, cimOperationName(operation)))
        decoder.fail(methodResponse, QStringLiteral("the reply is for %1, but the request was %2")
                                         .arg(name, cimOperationName(operation)));
    envelopeChecked = true;
}

bool CimXmlReader::Private::onItem(int node)
{
    try {
        checkResponseEnvelope(tree.node(node).parent);
        decodeItem(node);
        ++itemCount;
        return true;
    } catch (const CimXmlObjectDecoder::Failure &failure) {
        fail(failure);
        parser.fail(error.message, failure.node);
        return false;
    }
}

void CimXmlReader::Private::decodeItem(int node)
{
    const E e = tree.node(node).element;
    const auto wrong = [&] {
        decoder.fail(node, QStringLiteral("the %1 reply must hold %2 in IRETURNVALUE, not <%3>")
                               .arg(cimOperationName(operation), expectedItems(shape), cimXmlElementName(e)));
    };
    if (isSingleObjectShape(shape) && itemCount > 0)
        decoder.fail(node, QStringLiteral("the %1 reply must hold %2, but holds more")
                               .arg(cimOperationName(operation), expectedItems(shape)));
    const auto appendObject = [&](std::variant<CimInstance, CimClass> object) {
        if (auto *instance = std::get_if<CimInstance>(&object))
            response.instances.append(std::move(*instance));
        else
            response.classes.append(std::get<CimClass>(std::move(object)));
    };
    switch (shape) {
    case CimReturnShape::NamedInstances:
        if (e != E::ValueNamedInstance)
            wrong();
        appendObject(decoder.object(node));
        break;
    case CimReturnShape::Instance:
    case CimReturnShape::PulledInstances:
        if (e != E::Instance)
            wrong();
        response.instances.append(decoder.instance(node));
        break;
    case CimReturnShape::InstanceName:
    case CimReturnShape::InstanceNames:
        if (e != E::InstanceName)
            wrong();
        response.instanceNames.append(decoder.instanceName(node));
        break;
    case CimReturnShape::Class:
    case CimReturnShape::Classes:
        if (e != E::Class)
            wrong();
        response.classes.append(decoder.cimClass(node));
        break;
    case CimReturnShape::ClassNames:
        if (e != E::ClassName)
            wrong();
        response.classNames.append(decoder.className(node));
        break;
    case CimReturnShape::Objects:
        if (e != E::ValueObjectWithPath && e != E::ValueObjectWithLocalPath)
            wrong();
        appendObject(decoder.object(node));
        break;
    case CimReturnShape::QueryObjects:
        if (e != E::ValueObject && e != E::ValueObjectWithPath && e != E::ValueObjectWithLocalPath)
            wrong();
        appendObject(decoder.object(node));
        break;
    case CimReturnShape::ObjectPaths: {
        if (e != E::ObjectPath)
            wrong();
        auto path = decoder.objectPath(node);
        if (auto *instancePath = std::get_if<CimInstanceName>(&path))
            response.instanceNames.append(std::move(*instancePath));
        else
            response.classNames.append(std::get<CimClassName>(std::move(path)));
        break;
    }
    case CimReturnShape::PulledInstancesWithPath:
        if (e != E::ValueInstanceWithPath)
            wrong();
        appendObject(decoder.object(node));
        break;
    case CimReturnShape::PulledInstancePaths:
        if (e != E::InstancePath)
            wrong();
        response.instanceNames.append(decoder.instancePath(node));
        break;
    case CimReturnShape::QualifierDeclaration:
    case CimReturnShape::QualifierDeclarations:
        if (e != E::QualifierDeclaration)
            wrong();
        response.qualifierDeclarations.append(decoder.qualifierDeclaration(node));
        break;
    case CimReturnShape::Value:
        if ((e != E::Value && e != E::ValueArray && e != E::ValueReference) || itemCount > 0)
            wrong();
        response.returnValue = decoder.value(node, e == E::ValueReference ? CimType::Reference : CimType::String);
        break;
    case CimReturnShape::Count:
        if (e != E::Value || itemCount > 0)
            wrong();
        response.returnValue = decoder.value(node, CimType::UInt64);
        break;
    case CimReturnShape::Nothing:
    case CimReturnShape::MethodResult:
    case CimReturnShape::ExportResult:
        wrong();
    }
}

void CimXmlReader::Private::finishResponse()
{
    const int root = parser.root();
    checkMessage(root);
    const int message = tree.node(root).firstChild;
    const int simple = onlyChild(message);
    const E simpleElement = tree.node(simple).element;
    if (simpleElement == E::MultiRsp || simpleElement == E::MultiExpRsp)
        decoder.fail(simple, QStringLiteral("multiple responses in one message are not supported (cimdiag sends "
                                            "single requests)"));
    const bool isExport = operation == CimOperation::ExportIndication;
    const bool isMethod = operation == CimOperation::InvokeMethod;
    const E expectedSimple = isExport ? E::SimpleExpRsp : E::SimpleRsp;
    if (simpleElement != expectedSimple) {
        decoder.fail(simple, QStringLiteral("the %1 reply must be a <%2>, not <%3>")
                                 .arg(cimOperationName(operation), cimXmlElementName(expectedSimple),
                                      cimXmlElementName(simpleElement)));
    }
    const int methodResponse = onlyChild(simple);
    const E expectedResponse = isExport ? E::ExpMethodResponse : isMethod ? E::MethodResponse : E::IMethodResponse;
    if (tree.node(methodResponse).element != expectedResponse) {
        decoder.fail(methodResponse, QStringLiteral("the %1 reply must hold <%2>, not <%3>")
                                         .arg(cimOperationName(operation), cimXmlElementName(expectedResponse),
                                              cimXmlElementName(tree.node(methodResponse).element)));
    }
    const QString name = decoder.requiredAttribute(methodResponse, A::Name);
    if (isMethod)
        response.methodName = name;
    else if (!cimNamesEqual(name, cimOperationName(operation)))
        decoder.fail(methodResponse, QStringLiteral("the reply is for %1, but the request was %2")
                                         .arg(name, cimOperationName(operation)));

    bool seenEndOfSequence = false;
    bool seenContext = false;
    int position = 0;
    for (int c = tree.node(methodResponse).firstChild; c != kNone; c = tree.node(c).nextSibling, ++position) {
        switch (tree.node(c).element) {
        case E::Error:
            if (tree.node(methodResponse).childCount != 1)
                decoder.fail(c, QStringLiteral("<ERROR> must be the only content of <%1>")
                                    .arg(cimXmlElementName(expectedResponse)));
            response.status = decoder.error(c);
            return;
        case E::IReturnValue:
            // Its items were decoded as they closed; here only its position is checked.
            if (isMethod || position > 0)
                decoder.unexpected(methodResponse, c);
            break;
        case E::ReturnValue:
            if (!isMethod || position > 0)
                decoder.unexpected(methodResponse, c);
            response.returnValue = decoder.returnValue(c);
            break;
        case E::ParamValue: {
            if (isExport)
                decoder.unexpected(methodResponse, c);
            CimParamValue parameter = decoder.paramValue(c);
            if (isPullOperation(operation) && cimNamesEqual(parameter.name(), u"EndOfSequence")) {
                const CimValue v = decoder.value(tree.node(c).firstChild == kNone ? c : tree.node(c).firstChild,
                                                 CimType::Boolean);
                response.endOfSequence = v.toBool();
                seenEndOfSequence = true;
            } else if (isPullOperation(operation) && cimNamesEqual(parameter.name(), u"EnumerationContext")) {
                response.enumerationContext = parameter.value().toString();
                seenContext = true;
            } else {
                response.outParameters.insert(std::move(parameter));
            }
            break;
        }
        default:
            decoder.unexpected(methodResponse, c);
        }
    }
    if (isSingleObjectShape(shape) && itemCount == 0)
        decoder.fail(methodResponse, QStringLiteral("the %1 reply must hold %2, but holds none")
                                         .arg(cimOperationName(operation), expectedItems(shape)));
    if (isPulledShape(shape) && !seenEndOfSequence)
        decoder.fail(methodResponse, QStringLiteral("the %1 reply lacks the EndOfSequence parameter")
                                         .arg(cimOperationName(operation)));
    if (isPulledShape(shape) && !seenContext && !response.endOfSequence)
        decoder.fail(methodResponse, QStringLiteral("the %1 reply lacks the EnumerationContext parameter")
                                         .arg(cimOperationName(operation)));
}

void CimXmlReader::Private::finishRequest()
{
    const int root = parser.root();
    checkMessage(root);
    const int message = tree.node(root).firstChild;
    const int simple = onlyChild(message);
    const E simpleElement = tree.node(simple).element;
    if (simpleElement == E::MultiReq || simpleElement == E::MultiExpReq)
        decoder.fail(simple, QStringLiteral("multiple requests in one message are not supported"));
    if (simpleElement != E::SimpleReq && simpleElement != E::SimpleExpReq)
        decoder.fail(simple, QStringLiteral("a request must be a <SIMPLEREQ> or <SIMPLEEXPREQ>, not <%1>")
                                 .arg(cimXmlElementName(simpleElement)));
    int call = kNone;
    for (int c = tree.node(simple).firstChild; c != kNone; c = tree.node(c).nextSibling) {
        const E e = tree.node(c).element;
        if (e == E::Correlator && call == kNone)
            continue; // DSP0201 correlators carry nothing cimdiag uses
        const bool allowed = simpleElement == E::SimpleReq ? (e == E::IMethodCall || e == E::MethodCall)
                                                           : e == E::ExpMethodCall;
        if (!allowed || call != kNone)
            decoder.unexpected(simple, c);
        call = c;
    }
    if (call == kNone)
        decoder.fail(simple, QStringLiteral("<%1> holds no method call").arg(cimXmlElementName(simpleElement)));
    const QString name = decoder.requiredAttribute(call, A::Name);
    const CimXmlNodeTree::Node &callNode = tree.node(call);
    CimXmlObjectDecoder::UniqueNames names;
    switch (callNode.element) {
    case E::IMethodCall: {
        const auto op = cimOperationFromName(name);
        if (!op || !isIntrinsicOperation(*op))
            decoder.fail(call, QStringLiteral("\"%1\" is not an intrinsic CIM operation").arg(name));
        request.operation = *op;
        const int nameSpace = callNode.firstChild;
        if (nameSpace == kNone)
            decoder.fail(call, QStringLiteral("<IMETHODCALL> lacks <LOCALNAMESPACEPATH>"));
        request.nameSpace = decoder.localNamespacePath(nameSpace);
        for (int c = tree.node(nameSpace).nextSibling; c != kNone; c = tree.node(c).nextSibling) {
            if (tree.node(c).element != E::IParamValue)
                decoder.unexpected(call, c);
            decoder.insertUnique(request.arguments, names, decoder.iparamValue(c), c, "parameter");
        }
        break;
    }
    case E::MethodCall: {
        request.operation = CimOperation::InvokeMethod;
        request.methodName = name;
        const int target = callNode.firstChild;
        if (target == kNone)
            decoder.fail(call, QStringLiteral("<METHODCALL> lacks its LOCALINSTANCEPATH or LOCALCLASSPATH"));
        if (tree.node(target).element == E::LocalInstancePath)
            request.targetInstance = decoder.instancePath(target);
        else if (tree.node(target).element == E::LocalClassPath)
            request.targetClass = decoder.classPath(target);
        else
            decoder.unexpected(call, target);
        for (int c = tree.node(target).nextSibling; c != kNone; c = tree.node(c).nextSibling) {
            if (tree.node(c).element != E::ParamValue)
                decoder.unexpected(call, c);
            decoder.insertUnique(request.parameters, names, decoder.paramValue(c), c, "parameter");
        }
        break;
    }
    default: // ExpMethodCall
        // DSP0200 defines one export method; a listener answers others with CIM_ERR_NOT_SUPPORTED.
        if (!cimNamesEqual(name, u"ExportIndication"))
            decoder.fail(call, QStringLiteral("\"%1\" is not an export method (ExportIndication is the only one)")
                                   .arg(name));
        request.operation = CimOperation::ExportIndication;
        for (int c = callNode.firstChild; c != kNone; c = tree.node(c).nextSibling) {
            if (tree.node(c).element != E::ExpParamValue)
                decoder.unexpected(call, c);
            decoder.insertUnique(request.arguments, names, decoder.expParamValue(c), c, "parameter");
        }
        break;
    }
}

CimXmlReader::CimXmlReader(CimOperation operation, CimXmlLimits limits)
    : d(std::make_unique<Private>(false, operation, limits))
{
}

CimXmlReader::CimXmlReader(std::unique_ptr<Private> p)
    : d(std::move(p))
{
}

std::unique_ptr<CimXmlReader> CimXmlReader::forRequest(CimXmlLimits limits)
{
    return std::unique_ptr<CimXmlReader>(
        new CimXmlReader(std::make_unique<Private>(true, CimOperation::GetClass, limits)));
}

CimXmlReader::~CimXmlReader() = default;

bool CimXmlReader::feed(QByteArrayView bytes)
{
    if (hasError() || d->finished)
        return false;
    if (!d->parser.feed(bytes)) {
        if (d->error.isNull())
            d->error = d->parser.error();
        return false;
    }
    return true;
}

bool CimXmlReader::finish()
{
    if (hasError() || d->finished)
        return !hasError();
    d->finished = true;
    if (!d->parser.finish()) {
        if (d->error.isNull())
            d->error = d->parser.error();
        return false;
    }
    try {
        if (d->isRequest)
            d->finishRequest();
        else
            d->finishResponse();
    } catch (const CimXmlObjectDecoder::Failure &failure) {
        return d->fail(failure);
    }
    return true;
}

bool CimXmlReader::hasError() const
{
    return !d->error.isNull();
}

const CimXmlError &CimXmlReader::error() const
{
    return d->error;
}

qint64 CimXmlReader::bytesFed() const
{
    return d->parser.bytesFed();
}

const CimOperationResponse &CimXmlReader::response() const
{
    return d->response;
}

CimOperationResponse CimXmlReader::takeResponse()
{
    return std::move(d->response);
}

const CimOperationRequest &CimXmlReader::request() const
{
    return d->request;
}

CimOperationRequest CimXmlReader::takeRequest()
{
    return std::move(d->request);
}

std::optional<CimOperationResponse> CimXmlReader::readResponse(CimOperation operation, QByteArrayView document,
                                                               CimXmlError *error)
{
    CimXmlReader reader(operation);
    if (!reader.feed(document) || !reader.finish()) {
        if (error)
            *error = reader.error();
        return std::nullopt;
    }
    return reader.takeResponse();
}

std::optional<CimOperationRequest> CimXmlReader::readRequest(QByteArrayView document, CimXmlError *error)
{
    const auto reader = forRequest();
    if (!reader->feed(document) || !reader->finish()) {
        if (error)
            *error = reader->error();
        return std::nullopt;
    }
    return reader->takeRequest();
}

} // namespace cimdiag
