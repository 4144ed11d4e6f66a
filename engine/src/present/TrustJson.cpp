#include "beraad/present/TrustJson.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Parser.h>

#include <stdexcept>

#include "beraad/history/CanonicalJson.h"
#include "beraad/present/Json.h"

namespace beraad::present {

namespace {

Poco::JSON::Array hexArray(const std::vector<std::string>& hashes) {
    Poco::JSON::Array array;
    for (const auto& hash : hashes)
        array.add(hash);
    return array;
}

std::string member(const Poco::JSON::Object::Ptr& object, const std::string& name,
                   const std::string& where) {
    if (!object->has(name) || !object->get(name).isString()) {
        throw std::invalid_argument(where + name + " is missing or not a string");
    }
    return object->getValue<std::string>(name);
}

std::int64_t integerMember(const Poco::JSON::Object::Ptr& object, const std::string& name,
                           const std::string& where) {
    if (!object->has(name) || !object->get(name).isInteger()) {
        throw std::invalid_argument(where + name + " is missing or not an integer");
    }
    return object->getValue<Poco::Int64>(name);
}

Poco::JSON::Object::Ptr objectMember(const Poco::JSON::Object::Ptr& object,
                                     const std::string& name) {
    auto child = object->getObject(name);
    if (!child) throw std::invalid_argument(name + " is missing or not an object");
    return child;
}

}  // namespace

Poco::JSON::Object toJson(const trust::VerifierKey& key, bool active) {
    Poco::JSON::Object object;
    object.set("sleutelId", trust::keyIdHex(key.keyId));
    object.set("naam", key.name);
    object.set("algoritme", "Ed25519");
    object.set("verificatiesleutel", trust::formatVerifierKey(key));
    object.set("actief", active);
    return object;
}

Poco::JSON::Object toJson(const MerkleProof& proof) {
    Poco::JSON::Object object;
    object.set("stroom", proof.stream);
    if (proof.leafHash.empty()) {
        object.set("van", proof.first);
        object.set("naar", proof.treeSize);
    } else {
        object.set("volgnummer", proof.first);
        object.set("boomgrootte", proof.treeSize);
        object.set("bladHash", proof.leafHash);
    }
    object.set("wortelHash", proof.root);
    object.set("pad", hexArray(proof.path));
    return object;
}

Poco::JSON::Object toJson(const trust::Receipt& receipt) {
    Poco::JSON::Object object;
    object.set("formaat", kReceiptFormat);
    Poco::JSON::Object event = present::toJson(receipt.event);
    event.set("gegevensCanoniek", receipt.event.payload);
    object.set("gebeurtenis", event);
    object.set("checkpoint", receipt.checkpoint);
    std::vector<std::string> path;
    for (const auto& hash : receipt.proof)
        path.push_back(trust::toHex(hash));
    object.set("inclusiebewijs", hexArray(path));
    return object;
}

trust::Receipt receiptFromJson(const std::string& text) {
    Poco::JSON::Object::Ptr root;
    try {
        root = Poco::JSON::Parser().parse(text).extract<Poco::JSON::Object::Ptr>();
    } catch (const std::exception&) {
        throw std::invalid_argument("the receipt is not a JSON object");
    }
    if (!root) throw std::invalid_argument("the receipt is not a JSON object");
    if (member(root, "formaat", "") != kReceiptFormat) {
        throw std::invalid_argument(std::string("formaat is not ") + kReceiptFormat);
    }
    trust::Receipt receipt;
    auto event = objectMember(root, "gebeurtenis");
    const std::string where = "gebeurtenis.";
    receipt.event.stream = member(event, "stroom", where);
    receipt.event.sequence = integerMember(event, "volgnummer", where);
    receipt.event.kind = member(event, "soort", where);
    receipt.event.actor = member(event, "actor", where);
    receipt.event.role = member(event, "rol", where);
    receipt.event.time = member(event, "tijdstip", where);
    receipt.event.payload = member(event, "gegevensCanoniek", where);
    receipt.event.previousHash = member(event, "vorigeHash", where);
    receipt.event.hash = member(event, "hash", where);
    receipt.checkpoint = member(root, "checkpoint", "");
    auto path = root->getArray("inclusiebewijs");
    if (!path) throw std::invalid_argument("inclusiebewijs is missing or not an array");
    for (std::size_t i = 0; i < path->size(); ++i) {
        auto hash = path->get(i).isString() ? trust::hashFromHex(path->getElement<std::string>(i))
                                            : std::nullopt;
        if (!hash) {
            throw std::invalid_argument("inclusiebewijs[" + std::to_string(i) +
                                        "] is not a SHA-256 hash in hex");
        }
        receipt.proof.push_back(*hash);
    }
    return receipt;
}

}  // namespace beraad::present
