// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/slp/SlpHeader.h"
#include "core/slp/SlpUrlEntry.h"

#include <QList>
#include <QString>

namespace cimdiag {

/// One decoded SLPv2 message (a value). Which body fields are meaningful depends on
/// header.function (RFC 2608 sections 8-11); lists stay as the comma-separated strings of the wire
/// (split them with SlpCodec::splitList) so an odd list survives a round trip unchanged.
struct SlpMessage final
{
    SlpHeader header;

    // SrvRqst, AttrRqst, SrvTypeRqst
    QString previousResponders; ///< PRList: addresses that must not answer again
    QString scopeList = QStringLiteral("DEFAULT"); ///< also SrvReg/DAAdvert/SAAdvert scopes
    // SrvRqst
    QString serviceType;
    QString predicate;
    QString spi; ///< SLP SPI string (SrvRqst, AttrRqst)
    // AttrRqst: url is the service URL or a service type; tagList limits the attributes.
    QString url; ///< also the DA/SA URL of DAAdvert/SAAdvert
    QString tagList;
    // SrvTypeRqst: allNamingAuthorities is the 0xFFFF length of the RFC.
    QString namingAuthority;
    bool allNamingAuthorities = true;

    // Replies
    quint16 errorCode = 0; ///< SrvRply, AttrRply, SrvTypeRply, DAAdvert
    QList<SlpUrlEntry> urlEntries; ///< SrvRply
    QString attributeList; ///< AttrRply, DAAdvert, SAAdvert
    SlpAuthBlockList authBlocks; ///< AttrRply, DAAdvert, SAAdvert
    QString serviceTypeList; ///< SrvTypeRply
    quint32 bootTimestamp = 0; ///< DAAdvert: 0 means the DA is going down
    QString spiList; ///< DAAdvert

    /// Extension ids found after the body (the chain is bounds-checked, the contents ignored).
    QList<quint16> extensionIds;

    friend bool operator==(const SlpMessage &, const SlpMessage &) = default;
};

} // namespace cimdiag
