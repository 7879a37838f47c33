// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/sim/SimWqlQuery.h"

#include <cmath>

namespace cimdiag {

namespace {

struct Token
{
    enum class Kind : quint8 { End, Identifier, Star, Comma, Operator, String, Number };
    Kind kind = Kind::End;
    QString text;
    qsizetype position = 0;
};

/// Splits the query into tokens; nullopt with *error at an unterminated string or a stray character.
std::optional<QList<Token>> tokenize(QStringView text, QString *error)
{
    QList<Token> tokens;
    qsizetype i = 0;
    const auto fail = [error](const QString &message) {
        if (error)
            *error = message;
        return std::nullopt;
    };
    while (i < text.size()) {
        const QChar c = text[i];
        if (c.isSpace()) {
            ++i;
            continue;
        }
        Token token;
        token.position = i;
        if (c.isLetter() || c == u'_') {
            qsizetype j = i + 1;
            while (j < text.size() && (text[j].isLetterOrNumber() || text[j] == u'_'))
                ++j;
            token.kind = Token::Kind::Identifier;
            token.text = text.sliced(i, j - i).toString();
            i = j;
        } else if (c == u'*' || c == u',') {
            token.kind = c == u'*' ? Token::Kind::Star : Token::Kind::Comma;
            token.text = c;
            ++i;
        } else if (c == u'\'' || c == u'"') {
            // A doubled quote inside stands for one, as in SQL; a backslash escapes the next character,
            // as pywbem and OpenPegasus write them.
            QString value;
            qsizetype j = i + 1;
            bool closed = false;
            while (j < text.size()) {
                if (text[j] == u'\\' && j + 1 < text.size()) {
                    value += text[j + 1];
                    j += 2;
                } else if (text[j] == c) {
                    if (j + 1 < text.size() && text[j + 1] == c) {
                        value += c;
                        j += 2;
                    } else {
                        closed = true;
                        ++j;
                        break;
                    }
                } else {
                    value += text[j++];
                }
            }
            if (!closed)
                return fail(QStringLiteral("unterminated string literal at position %1").arg(i));
            token.kind = Token::Kind::String;
            token.text = value;
            i = j;
        } else if (c.isDigit()
            || ((c == u'-' || c == u'+' || c == u'.') && i + 1 < text.size()
                && (text[i + 1].isDigit() || text[i + 1] == u'.'))) {
            qsizetype j = i + 1;
            while (j < text.size()
                && (text[j].isDigit() || text[j] == u'.' || text[j] == u'e' || text[j] == u'E'
                    || ((text[j] == u'-' || text[j] == u'+') && (text[j - 1] == u'e' || text[j - 1] == u'E'))))
                ++j;
            token.kind = Token::Kind::Number;
            token.text = text.sliced(i, j - i).toString();
            i = j;
        } else if (c == u'=' || c == u'<' || c == u'>' || c == u'!') {
            qsizetype j = i + 1;
            if (j < text.size() && (text[j] == u'=' || (c == u'<' && text[j] == u'>')))
                ++j;
            token.kind = Token::Kind::Operator;
            token.text = text.sliced(i, j - i).toString();
            if (token.text == u"!")
                return fail(QStringLiteral("unexpected '!' at position %1").arg(i));
            i = j;
        } else {
            return fail(QStringLiteral("unexpected character '%1' at position %2").arg(c).arg(i));
        }
        tokens.append(token);
    }
    Token end;
    end.position = text.size();
    tokens.append(end);
    return tokens;
}

bool isKeyword(const Token &token, QStringView keyword)
{
    return token.kind == Token::Kind::Identifier && token.text.compare(keyword, Qt::CaseInsensitive) == 0;
}

/// -1, 0, 1, or nullopt when the two cannot be ordered.
std::optional<int> compareValues(const CimValue &value, const CimValue &literal)
{
    const auto sign = [](auto a, auto b) { return a < b ? -1 : (b < a ? 1 : 0); };
    const CimType type = value.type();
    if (literal.type() == CimType::String && type != CimType::String && type != CimType::Char16) {
        if (type == CimType::DateTime) {
            const auto parsed = CimDateTime::fromString(literal.toString());
            if (!parsed || !parsed->isTimestamp() || !value.toDateTime().isTimestamp())
                return std::nullopt;
            return sign(value.toDateTime().toDateTime(), parsed->toDateTime());
        }
        // Lenient, as WMI is: '2' compares with an integer property as 2.
        const auto converted = CimValue::fromCimXmlText(type, literal.toString());
        if (!converted)
            return std::nullopt;
        return compareValues(value, *converted);
    }
    if (type == CimType::String || type == CimType::Char16) {
        if (literal.type() != CimType::String)
            return std::nullopt;
        return sign(value.toString(), literal.toString());
    }
    if (type == CimType::Boolean) {
        if (literal.type() != CimType::Boolean)
            return std::nullopt;
        return sign(int(value.toBool()), int(literal.toBool()));
    }
    if (isIntegerType(type) && isIntegerType(literal.type())) {
        const bool valueNegative = isSignedIntegerType(type) && value.toSigned() < 0;
        const bool literalNegative = isSignedIntegerType(literal.type()) && literal.toSigned() < 0;
        if (valueNegative != literalNegative)
            return valueNegative ? -1 : 1;
        return valueNegative ? sign(value.toSigned(), literal.toSigned())
                             : sign(value.toUnsigned(), literal.toUnsigned());
    }
    if ((isIntegerType(type) || isRealType(type)) && (isIntegerType(literal.type()) || isRealType(literal.type()))) {
        const double a = value.toReal();
        const double b = literal.toReal();
        if (std::isnan(a) || std::isnan(b))
            return std::nullopt;
        return sign(a, b);
    }
    return std::nullopt;
}

} // namespace

std::optional<SimWqlQuery> SimWqlQuery::parse(QStringView text, QString *error)
{
    const auto tokens = tokenize(text, error);
    if (!tokens)
        return std::nullopt;
    qsizetype i = 0;
    const auto at = [&]() -> const Token & { return tokens->at(std::min(i, tokens->size() - 1)); };
    const auto fail = [&](const QString &expected) {
        if (error) {
            const Token &t = at();
            *error = QStringLiteral("expected %1 at position %2, found %3")
                         .arg(expected)
                         .arg(t.position)
                         .arg(t.kind == Token::Kind::End ? QStringLiteral("the end") : u'"' + t.text + u'"');
        }
        return std::nullopt;
    };

    SimWqlQuery query;
    if (!isKeyword(at(), u"SELECT"))
        return fail(QStringLiteral("SELECT"));
    ++i;
    if (at().kind == Token::Kind::Star) {
        ++i;
    } else {
        QStringList properties;
        while (true) {
            if (at().kind != Token::Kind::Identifier || isKeyword(at(), u"FROM"))
                return fail(QStringLiteral("a property name or *"));
            properties.append(at().text);
            ++i;
            if (at().kind != Token::Kind::Comma)
                break;
            ++i;
        }
        query.m_selectList = properties;
    }
    if (!isKeyword(at(), u"FROM"))
        return fail(QStringLiteral("FROM"));
    ++i;
    if (at().kind != Token::Kind::Identifier)
        return fail(QStringLiteral("a class name"));
    query.m_className = at().text;
    ++i;
    if (at().kind == Token::Kind::End)
        return query;
    if (!isKeyword(at(), u"WHERE"))
        return fail(QStringLiteral("WHERE or the end of the query"));
    ++i;

    QList<Condition> conjunction;
    while (true) {
        Condition condition;
        if (at().kind != Token::Kind::Identifier)
            return fail(QStringLiteral("a property name"));
        condition.property = at().text;
        ++i;
        if (isKeyword(at(), u"IS")) {
            ++i;
            condition.op = Op::IsNull;
            if (isKeyword(at(), u"NOT")) {
                condition.op = Op::IsNotNull;
                ++i;
            }
            if (!isKeyword(at(), u"NULL"))
                return fail(QStringLiteral("NULL"));
            ++i;
        } else {
            if (at().kind != Token::Kind::Operator)
                return fail(QStringLiteral("a comparison operator"));
            const QString &op = at().text;
            condition.op = op == u"="          ? Op::Eq
                : (op == u"<>" || op == u"!=") ? Op::Ne
                : op == u"<"                   ? Op::Lt
                : op == u"<="                  ? Op::Le
                : op == u">"                   ? Op::Gt
                : op == u">="                  ? Op::Ge
                                               : Op::Eq;
            if (op == u"=<" || op == u"==" || op == u">>")
                return fail(QStringLiteral("a comparison operator"));
            ++i;
            const Token &literal = at();
            if (literal.kind == Token::Kind::String) {
                condition.literal = CimValue::string(literal.text);
            } else if (literal.kind == Token::Kind::Number) {
                const bool isReal = literal.text.contains(u'.') || literal.text.contains(u'e', Qt::CaseInsensitive);
                auto number = isReal                ? CimValue::fromCimXmlText(CimType::Real64, literal.text)
                    : literal.text.startsWith(u'-') ? CimValue::fromCimXmlText(CimType::SInt64, literal.text)
                                                    : CimValue::fromCimXmlText(CimType::UInt64, literal.text);
                if (!number)
                    return fail(QStringLiteral("a number"));
                condition.literal = *number;
            } else if (isKeyword(literal, u"TRUE") || isKeyword(literal, u"FALSE")) {
                condition.literal = CimValue::boolean(isKeyword(literal, u"TRUE"));
            } else if (isKeyword(literal, u"NULL")) {
                // "= NULL" is never true in SQL; kept so the query parses as servers accept it.
                condition.literal = CimValue();
            } else {
                return fail(QStringLiteral("a literal"));
            }
            ++i;
        }
        conjunction.append(condition);
        if (isKeyword(at(), u"AND")) {
            ++i;
            continue;
        }
        query.m_where.append(conjunction);
        conjunction.clear();
        if (isKeyword(at(), u"OR")) {
            ++i;
            continue;
        }
        if (at().kind != Token::Kind::End)
            return fail(QStringLiteral("AND, OR or the end of the query"));
        break;
    }
    return query;
}

bool SimWqlQuery::test(const Condition &condition, const CimInstance &instance)
{
    const CimValue value = instance.value(condition.property);
    const bool isNull = value.type() == CimType::Invalid || value.isNull();
    if (condition.op == Op::IsNull)
        return isNull;
    if (condition.op == Op::IsNotNull)
        return !isNull;
    if (isNull || condition.literal.type() == CimType::Invalid)
        return false;
    const auto holds = [&condition](const CimValue &scalar) {
        const auto order = compareValues(scalar, condition.literal);
        if (!order)
            return condition.op == Op::Ne;
        switch (condition.op) {
        case Op::Eq:
            return *order == 0;
        case Op::Ne:
            return *order != 0;
        case Op::Lt:
            return *order < 0;
        case Op::Le:
            return *order <= 0;
        case Op::Gt:
            return *order > 0;
        case Op::Ge:
            return *order >= 0;
        case Op::IsNull:
        case Op::IsNotNull:
            break;
        }
        return false;
    };
    if (!value.isArray())
        return holds(value);
    // WQL has no arrays; an element matching is what WMI does for them.
    for (qsizetype e = 0; e < value.size(); ++e) {
        if (!value.at(e).isNull() && holds(value.at(e)))
            return true;
    }
    return false;
}

bool SimWqlQuery::matches(const CimInstance &instance) const
{
    if (m_where.isEmpty())
        return true;
    for (const QList<Condition> &conjunction : m_where) {
        if (std::all_of(conjunction.cbegin(), conjunction.cend(),
                [&instance](const Condition &c) { return test(c, instance); }))
            return true;
    }
    return false;
}

} // namespace cimdiag
