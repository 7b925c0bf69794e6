# One INTERFACE target carries every compile setting of the project; each target links it.
add_library(supervisor_compile_settings INTERFACE)
add_library(Supervisor::compile_settings ALIAS supervisor_compile_settings)

target_compile_features(supervisor_compile_settings INTERFACE cxx_std_20)
target_compile_definitions(supervisor_compile_settings INTERFACE
    QT_NO_CAST_FROM_ASCII
    QT_NO_CAST_TO_ASCII
    QT_NO_NARROWING_CONVERSIONS_IN_CONNECT
    QT_USE_QSTRINGBUILDER)
target_compile_options(supervisor_compile_settings INTERFACE
    -Wall -Wextra -Wpedantic -Wold-style-cast -Wnon-virtual-dtor -Woverloaded-virtual)
if(SUPERVISOR_WARNINGS_AS_ERRORS)
    target_compile_options(supervisor_compile_settings INTERFACE -Werror)
endif()
if(SUPERVISOR_SANITIZE)
    # The suites' own sources (targets with the property SUPERVISOR_TEST_CODE) leave out two of
    # UndefinedBehaviorSanitizer's checks, null and alignment: they sit at every dereference and
    # made a third of the compile time of a suite, and the suites are most of what the test
    # command compiles. What that gives up: in a suite's own code, a null pointer followed through
    # a member function that never reads the object, or a null reference bound, goes unreported
    # (a null pointer read still stops the suite: AddressSanitizer reports the SEGV); and the inline
    # functions of headers (Qt's, and the project's header-only code) are compiled in both the
    # libraries and the suites, and the linker keeps one copy of each, which may be a suite's,
    # without those two checks. The libraries' own functions keep every check. The option must
    # follow -fsanitize=undefined on the command line.
    target_compile_options(supervisor_compile_settings INTERFACE
        -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
        $<$<BOOL:$<TARGET_PROPERTY:SUPERVISOR_TEST_CODE>>:-fno-sanitize=null,alignment>)
    target_link_options(supervisor_compile_settings INTERFACE -fsanitize=address,undefined)
endif()
target_include_directories(supervisor_compile_settings INTERFACE ${PROJECT_SOURCE_DIR})

# LLVM's linker, where installed (tools/install-deps.sh installs it): every test program links the
# core and simulator libraries statically, and lld links them in a third of the time GNU ld takes.
include(CheckLinkerFlag)
check_linker_flag(CXX -fuse-ld=lld SUPERVISOR_HAVE_LLD)
if(SUPERVISOR_HAVE_LLD)
    target_link_options(supervisor_compile_settings INTERFACE -fuse-ld=lld)
endif()

# The allocator of the program and the benchmarks: jemalloc where wanted and possible (the
# sanitizers replace the allocator themselves). The event path allocates and frees small blocks
# for every frame; glibc's allocator was about a sixth of the client thread's instructions, and
# jemalloc takes about 8 % off its CPU per event (bench/README.md).
add_library(supervisor_allocator INTERFACE)
add_library(Supervisor::allocator ALIAS supervisor_allocator)
if(SUPERVISOR_JEMALLOC AND NOT SUPERVISOR_SANITIZE AND NOT SUPERVISOR_FUZZ)
    find_package(PkgConfig REQUIRED)
    pkg_check_modules(JEMALLOC REQUIRED IMPORTED_TARGET jemalloc)
    target_link_libraries(supervisor_allocator INTERFACE PkgConfig::JEMALLOC)
endif()
