#include "render/DomEdit.h"

#include <cstring>
#include <stdexcept>

namespace beraad::render::dom {
namespace {

constexpr const char* kSection = "beraad-section";
constexpr const char* kBoundary = "beraad-boundary";

bool named(const xmlNode* node, const char* name) {
    return node != nullptr && node->type == XML_ELEMENT_NODE && node->ns == nullptr &&
           std::strcmp(reinterpret_cast<const char*>(node->name), name) == 0;
}

}  // namespace

void insertBefore(xmlNode* reference, xmlNode* node) {
    node->parent = reference->parent;
    node->prev = reference->prev;
    node->next = reference;
    if (reference->prev != nullptr) {
        reference->prev->next = node;
    } else if (reference->parent != nullptr) {
        reference->parent->children = node;
    }
    reference->prev = node;
}

void insertAfter(xmlNode* reference, xmlNode* node) {
    node->parent = reference->parent;
    node->next = reference->next;
    node->prev = reference;
    if (reference->next != nullptr) {
        reference->next->prev = node;
    } else if (reference->parent != nullptr) {
        reference->parent->last = node;
    }
    reference->next = node;
}

void append(xmlNode* parent, xmlNode* node) {
    node->parent = parent;
    node->next = nullptr;
    node->prev = parent->last;
    if (parent->last != nullptr) {
        parent->last->next = node;
    } else {
        parent->children = node;
    }
    parent->last = node;
}

void remove(xmlNode* node) {
    xmlUnlinkNode(node);
    xmlFreeNode(node);
}

xmlNode* newSectionElement(xmlDoc* doc, SectionMarker* marker) {
    xmlNode* node = xmlNewDocNode(doc, nullptr, BAD_CAST kSection, nullptr);
    node->_private = marker;
    return node;
}

xmlNode* newBoundary(xmlDoc* doc) {
    return xmlNewDocNode(doc, nullptr, BAD_CAST kBoundary, nullptr);
}

bool isSection(const xmlNode* node) {
    return named(node, kSection) && node->_private != nullptr;
}
bool isBoundary(const xmlNode* node) {
    return named(node, kBoundary);
}

SectionMarker* sectionOf(const xmlNode* node) {
    return isSection(node) ? static_cast<SectionMarker*>(node->_private) : nullptr;
}

TagNode* tagOf(const xmlNode* node) {
    if (node == nullptr || node->type != XML_TEXT_NODE) return nullptr;
    return static_cast<TagNode*>(node->_private);
}

xmlNode* clone(xmlNode* node, xmlNode* parent, bool deep) {
    xmlNode* copy = nullptr;
    if (xmlDOMWrapCloneNode(nullptr, node->doc, node, &copy, node->doc, parent, deep ? 1 : 0, 0) !=
            0 ||
        copy == nullptr) {
        throw std::runtime_error("libxml2 could not copy a node");
    }
    return copy;
}

std::string content(const xmlNode* textNode) {
    if (textNode == nullptr || textNode->content == nullptr) return {};
    return reinterpret_cast<const char*>(textNode->content);
}

}  // namespace beraad::render::dom
