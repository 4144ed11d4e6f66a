# beraad_embed_resources(TARGET <lib> ROOT <dir> [NAMESPACE <ns>] FILES <relative paths...>)
#
# Compiles the named files into <lib> so the binaries never depend on the
# source tree at run time. The files are looked up with
# <ns>::all() (default beraad::resources, see beraad/base/Resources.h).
set(BERAAD_EMBED_SCRIPT ${CMAKE_CURRENT_LIST_DIR}/EmbedResourcesScript.cmake)

function(beraad_embed_resources)
  cmake_parse_arguments(ARG "" "TARGET;ROOT;NAMESPACE" "FILES" ${ARGN})
  if(NOT ARG_NAMESPACE)
    set(ARG_NAMESPACE beraad::resources)
  endif()
  set(output ${CMAKE_CURRENT_BINARY_DIR}/${ARG_TARGET}_resources.cpp)
  set(inputs)
  foreach(file IN LISTS ARG_FILES)
    list(APPEND inputs ${ARG_ROOT}/${file})
  endforeach()
  string(REPLACE ";" "|" file_list "${ARG_FILES}")
  add_custom_command(
    OUTPUT ${output}
    COMMAND ${CMAKE_COMMAND} -DROOT=${ARG_ROOT} "-DFILES=${file_list}" -DOUTPUT=${output} -DNAMESPACE=${ARG_NAMESPACE}
            -P ${BERAAD_EMBED_SCRIPT}
    DEPENDS ${inputs} ${BERAAD_EMBED_SCRIPT}
    COMMENT "Embedding ${ARG_TARGET} resources"
    VERBATIM)
  target_sources(${ARG_TARGET} PRIVATE ${output})
endfunction()
