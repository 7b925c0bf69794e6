# supervisor_add_tests(DIR <dir> LIBS <targets...>)
# Every Test*.cpp in DIR becomes one Qt Test executable registered with CTest, run offscreen.
# Files in DIR/support/ (if any) form a static helper library linked into each of them.
# The Qt headers nearly every suite includes; precompiled once per set of libraries the suites link.
set(SUPERVISOR_TEST_PRECOMPILED_HEADERS
    <QTest> <QSignalSpy> <QJsonDocument> <QJsonObject> <QJsonArray> <QNetworkAccessManager>
    <QNetworkReply> <QWebSocket> <QTimer> <QPointer> <QTemporaryDir> <QUrlQuery>)

function(supervisor_add_tests)
    cmake_parse_arguments(ARG "" "DIR;LABEL" "LIBS" ${ARGN})
    file(GLOB test_sources CONFIGURE_DEPENDS "${ARG_DIR}/Test*.cpp")
    file(GLOB support_sources CONFIGURE_DEPENDS "${ARG_DIR}/support/*.cpp" "${ARG_DIR}/support/*.h")
    set(support_target "")
    if(support_sources)
        set(support_target "supervisor_test_support_${ARG_LABEL}")
        add_library(${support_target} STATIC ${support_sources})
        target_link_libraries(${support_target} PUBLIC ${ARG_LIBS} Qt6::Test Supervisor::compile_settings)
        target_include_directories(${support_target} PUBLIC "${ARG_DIR}")
        set_target_properties(${support_target} PROPERTIES SUPERVISOR_TEST_CODE ON)
    endif()
    # Folders that link the same libraries compile with the same flags and share one owner.
    string(MD5 libs_key "${ARG_LIBS}")
    get_property(pch_owner GLOBAL PROPERTY SUPERVISOR_TEST_PCH_OWNER_${libs_key})
    foreach(source IN LISTS test_sources)
        get_filename_component(name "${source}" NAME_WE)
        add_executable(${name} "${source}")
        # One source file each: a unity build gains nothing and would compile the suite's class as
        # if it came from a header.
        set_target_properties(${name} PROPERTIES UNITY_BUILD OFF SUPERVISOR_TEST_CODE ON)
        target_link_libraries(${name} PRIVATE ${support_target} ${ARG_LIBS} Qt6::Test Supervisor::compile_settings)
        target_compile_definitions(${name} PRIVATE
            SUPERVISOR_TEST_DATA_DIR="${PROJECT_SOURCE_DIR}/tests/data")
        # Qt's headers take half of a test's compile time: the first suite that links these
        # libraries precompiles them and the others reuse that (same libraries: same flags; a
        # folder's own include directory and definitions do not reach Qt's headers). -Winvalid-pch
        # turns a header that could not be used into a warning, so an error under -Werror.
        if(pch_owner)
            target_precompile_headers(${name} REUSE_FROM ${pch_owner})
        else()
            set(pch_owner ${name})
            set_property(GLOBAL PROPERTY SUPERVISOR_TEST_PCH_OWNER_${libs_key} ${name})
            target_precompile_headers(${name} PRIVATE ${SUPERVISOR_TEST_PRECOMPILED_HEADERS})
        endif()
        target_compile_options(${name} PRIVATE -Winvalid-pch)
        # The suite's moc output is included by its source file: what automoc compiles on its own
        # is empty, and loading the precompiled headers would be all its cost.
        set_source_files_properties("${CMAKE_CURRENT_BINARY_DIR}/${name}_autogen/mocs_compilation.cpp"
            PROPERTIES SKIP_PRECOMPILE_HEADERS ON)
        add_test(NAME ${name} COMMAND ${name})
        set_tests_properties(${name} PROPERTIES
            LABELS "${ARG_LABEL}"
            ENVIRONMENT "QT_QPA_PLATFORM=offscreen;LANG=C.UTF-8;QT_LOGGING_RULES=*.debug=false;ASAN_OPTIONS=detect_leaks=1:abort_on_error=1;LSAN_OPTIONS=suppressions=${PROJECT_SOURCE_DIR}/tests/lsan.supp;UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1")
    endforeach()
endfunction()
