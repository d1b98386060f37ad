# Compile options shared by every plansift target.
function(ps_target_options target)
  target_compile_options(${target} PRIVATE
    -Wall -Wextra -Werror -pedantic -Wstrict-prototypes -Wshadow -Wformat=2
    -Wno-overlength-strings)
  target_compile_definitions(${target} PRIVATE
    _POSIX_C_SOURCE=200809L
    GLIB_VERSION_MIN_REQUIRED=GLIB_VERSION_2_66
    G_LOG_USE_STRUCTURED=1)
  if(PLANSIFT_SANITIZE)
    target_compile_options(${target} PRIVATE -fsanitize=${PLANSIFT_SANITIZE} -fno-omit-frame-pointer -fno-sanitize-recover=all)
    target_link_options(${target} PRIVATE -fsanitize=${PLANSIFT_SANITIZE})
  endif()
  if(PLANSIFT_FUZZ)
    target_compile_options(${target} PRIVATE -fsanitize=fuzzer-no-link)
  endif()
endfunction()

# ps_tsv_table(OUT_VAR NAME TSV): generate NAME.c from data/TSV, a const table
# of string rows, and append it to OUT_VAR.
function(ps_tsv_table out_var name tsv)
  set(src ${CMAKE_SOURCE_DIR}/data/${tsv})
  set(dst ${CMAKE_CURRENT_BINARY_DIR}/${name}.c)
  add_custom_command(OUTPUT ${dst}
    COMMAND ps_tsv2c ${name} ${src} ${dst}
    DEPENDS ps_tsv2c ${src}
    COMMENT "Generating ${name}.c from data/${tsv}")
  set(${out_var} ${${out_var}} ${dst} PARENT_SCOPE)
endfunction()
