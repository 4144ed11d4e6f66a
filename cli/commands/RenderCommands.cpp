// beraad render: a version as .odt or .docx, with its kind's shipped template.
#include <Poco/JSON/Object.h>

#include "Cli.h"
#include "Output.h"
#include "Progress.h"

namespace beraad::cli {

std::optional<render::TemplateFormat> chosenFormat(Context& context,
                                                   const po::variables_map& options) {
    const auto& name = options["formaat"].as<std::string>();
    if (name == "odt") return render::TemplateFormat::Odt;
    if (name == "docx") return render::TemplateFormat::Docx;
    context.err() << "beraad: unknown format '" << name << "'; use odt or docx\n";
    return std::nullopt;
}

namespace {

int renderDocument(Context& context, const po::variables_map& options) {
    std::string id = options["id"].as<std::string>();
    std::optional<std::int64_t> number;
    if (options.count("versie")) number = options["versie"].as<std::int64_t>();

    if (options.count("context")) {
        auto xml = context.engine().renderContext(context.actor(), id, number);
        if (!xml) return context.fail(xml.error());
        writeOutput(options.count("output") ? options["output"].as<std::string>() : "-", *xml);
        return kSuccess;
    }

    auto format = chosenFormat(context, options);
    if (!format) return kUsage;
    auto rendered = [&] {
        Progress progress(context, "rendering " + id);
        return context.backend().renderVersion(id, number, *format);
    }();
    if (!rendered) return context.fail(rendered.error());
    std::string output =
        options.count("output") ? options["output"].as<std::string>() : rendered->fileName;
    writeOutput(output, rendered->bytes);
    if (context.json()) {
        Poco::JSON::Object json;
        json.set("document", rendered->documentId);
        json.set("versie", rendered->version);
        json.set("bestand", output);
        json.set("bytes", static_cast<std::int64_t>(rendered->bytes.size()));
        json.set("mediaType", rendered->contentType);
        json.set("sjabloon", rendered->templateName);
        json.set("sjabloonVersie", rendered->templateVersion);
        json.set("sjabloonBron", rendered->templateSource);
        printJson(context.out(), json);
    } else if (output != "-") {
        context.out() << "rendered version " << rendered->version << " of " << rendered->documentId
                      << " to " << output << " (" << rendered->bytes.size() << " bytes, template "
                      << rendered->templateName << " " << rendered->templateVersion << ", "
                      << rendered->templateSource << ")\n";
    }
    return kSuccess;
}

}  // namespace

std::vector<Command> renderCommands() {
    return {
        {"render",
         "render a version as .odt or .docx with its kind's template (BERAAD_TEMPLATES overrides)",
         "  beraad render AM05-convenant-1 --versie 3 --formaat odt --output convenant.odt\n"
         "  beraad render AM05-convenant-1 --context --output context.xml   # what a template sees",
         [](po::options_description& options, po::positional_options_description& positional) {
             documentIdArgument(options, positional);
             options.add_options()("versie", po::value<std::int64_t>(),
                                   "version number (default: latest)")(
                 "formaat", po::value<std::string>()->default_value("odt"), "odt or docx")(
                 "output,o", po::value<std::string>(),
                 "file to write (- for stdout; default: the document's file name, e.g. "
                 "AM05-convenant-1-v3.odt)")(
                 "context", "write the XML the template is rendered against instead of a document");
         },
         renderDocument},
    };
}

}  // namespace beraad::cli
